"""Tests of space.leaderboard: ranking, escaping, exports, figures, detail view and the reported-numbers file."""
