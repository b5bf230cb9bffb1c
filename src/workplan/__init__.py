"""Work Plan Monitor: a multilateral work plan, its activities and their progress."""
