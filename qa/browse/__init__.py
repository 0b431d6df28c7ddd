"""What the app's views show besides answers: incentives, targets, documents, the schema.

Framework-free and typed, so the Gradio views and the JSON API call the same methods and
the UI holds no business logic. Everything reads the graph as it is now (no cache), so a
re-ingested document shows up at once.

    incentives  IncentiveFinder: filters, eligibility conditions, benefits in words
    targets     TargetExplorer: filters, the same metric across plan levels
    documents   DocumentBrowser (documents, clause tree, clause in context), SchemaInfo
    answers     cited passages, their place in a clause, follow-up questions
    exports     CSV
    amounts     money as the plans write it (1000亿元, never 1e+07)
    levels      plan levels; the level of a place
"""

from qa.browse.amounts import format_ratio, format_wan, plain
from qa.browse.answers import (Coverage, FollowUps, cited_passages, highlight_spans,
                               suggest_followups)
from qa.browse.documents import ClauseView, DocumentBrowser, Schema, SchemaInfo, TreeNode
from qa.browse.exports import (INCENTIVE_COLUMNS, TARGET_COLUMNS, incentives_csv, targets_csv,
                               to_csv)
from qa.browse.incentives import (CLAIMABLE_KINDS, Condition, IncentiveFinder, IncentiveRow,
                                  condition_label, describe_benefit)
from qa.browse.levels import LEVEL_NAMES, LEVEL_ORDER, region_level
from qa.browse.targets import ComparableGroup, TargetExplorer, TargetRow, normalise_metric

__all__ = [
    "CLAIMABLE_KINDS", "Coverage", "FollowUps", "INCENTIVE_COLUMNS", "LEVEL_NAMES", "LEVEL_ORDER", "TARGET_COLUMNS", "ClauseView",
    "ComparableGroup", "Condition", "DocumentBrowser", "IncentiveFinder", "IncentiveRow",
    "Schema", "SchemaInfo", "TargetExplorer", "TargetRow", "TreeNode", "cited_passages",
    "condition_label", "describe_benefit", "format_ratio", "format_wan", "highlight_spans",
    "incentives_csv", "normalise_metric", "plain", "region_level", "suggest_followups",
    "targets_csv", "to_csv",
]
