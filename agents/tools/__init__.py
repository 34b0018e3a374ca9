"""Tools: plain async functions over Postgres (and pure calculators) that every answer's figures come from.

Each takes an AsyncEngine or AsyncConnection first and returns a pydantic model (see `models`).
"""

from agents.tools.evaluation import evaluate_price
from agents.tools.law import article_label, get_article, parse_article_label, search_articles
from agents.tools.loan_rules import DEFAULT_RULES, LoanRules
from agents.tools.loans import calculate_loan
from agents.tools.market import market_stats
from agents.tools.roi import calculate_roi, typical_rent
from agents.tools.transactions import ToolInputError, search_rents, search_trades

__all__ = [
    "DEFAULT_RULES",
    "LoanRules",
    "ToolInputError",
    "article_label",
    "calculate_loan",
    "calculate_roi",
    "evaluate_price",
    "get_article",
    "market_stats",
    "parse_article_label",
    "search_articles",
    "search_rents",
    "search_trades",
    "typical_rent",
]
