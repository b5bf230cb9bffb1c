pytest_plugins = ["workplan.core.testing"]
