"""Plan levels, in the order the views list them."""

LEVEL_NAMES = {"province": "省级", "city": "市级", "district": "区级", "press": "报道", "other": "其他"}
LEVEL_ORDER = {name: i for i, name in enumerate(LEVEL_NAMES)}
