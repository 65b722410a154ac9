"""Build PostgreSQL tsquery strings from the search box."""
import re

OPERATORS = re.compile(r"[&|!():*<>]")


def build_search_query(text):
    """Turn free text into a to_tsquery() expression: all terms must match.

    Unbalanced double quotes used to crash the query, so they are removed.
    """
    text = text.replace('"', " ")
    text = OPERATORS.sub(" ", text)
    terms = [t for t in text.split() if t]
    if not terms:
        return ""
    return " & ".join(f"{t}:*" if i == len(terms) - 1 else t for i, t in enumerate(terms))


def sqlite_terms(text):
    return [t.strip('"') for t in text.split() if t.strip('"')]
