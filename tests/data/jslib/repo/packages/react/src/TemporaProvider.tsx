'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { setDefaultLocale } from 'tempora';

export interface TemporaContextValue {
  locale: string;
  timeZone: string | undefined;
  /** Fixed "now" for the first render, so server and client markup agree. */
  initialNow: number | undefined;
}

const TemporaContext = createContext<TemporaContextValue | null>(null);
TemporaContext.displayName = 'TemporaContext';

export interface TemporaProviderProps {
  locale?: string;
  timeZone?: string;
  initialNow?: number | Date;
  children?: ReactNode;
}

export function TemporaProvider({ locale = 'en', timeZone, initialNow, children }: TemporaProviderProps) {
  const value = useMemo<TemporaContextValue>(
    () => ({
      locale,
      timeZone,
      initialNow: initialNow instanceof Date ? initialNow.getTime() : initialNow,
    }),
    [locale, timeZone, initialNow],
  );
  setDefaultLocale(locale);
  return <TemporaContext.Provider value={value}>{children}</TemporaContext.Provider>;
}

/** Throws outside a provider; use useOptionalTempora() in components that can live without one. */
export function useTempora(): TemporaContextValue {
  const ctx = useContext(TemporaContext);
  if (ctx === null) {
    throw new Error('useTempora must be used within <TemporaProvider>');
  }
  return ctx;
}

export function useOptionalTempora(): TemporaContextValue | null {
  return useContext(TemporaContext);
}
