"""Text statistics for saved articles."""
import re

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
CJK_CHARS_PER_MINUTE = 500


def estimate_reading_time(word_count, words_per_minute=230, cjk_chars=0):
    """Minutes needed to read an article, rounded up, at least 1."""
    if cjk_chars:
        word_count += cjk_chars * words_per_minute // CJK_CHARS_PER_MINUTE
    minutes = word_count / words_per_minute
    return max(1, int(minutes + 0.999))


def count_words(text):
    cjk = len(CJK.findall(text))
    words = len(CJK.sub(" ", text).split())
    return words, cjk
