import { describe, expect, it, vi } from 'vitest';
import { getLocale, loadLocale, setWarningHandler, TemporaError } from '../src/index.js';

describe('locales', () => {
  it('warns once and falls back for unregistered locales', () => {
    const warn = vi.fn();
    setWarningHandler(warn);
    expect(getLocale('xx').code).toBe('en');
    getLocale('xx');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe('[tempora] Locale "xx" is not registered, falling back to "en"');
    setWarningHandler(null);
  });

  it('loads by subtag fallback', async () => {
    expect((await loadLocale('zh-Hant-TW')).code).toBe('zh-Hant');
    expect((await loadLocale('de-AT')).code).toBe('de');
  });

  it('rejects unknown locales', async () => {
    await expect(loadLocale('tlh')).rejects.toBeInstanceOf(TemporaError);
  });
});
