"""Strom's performance suite (`make bench`): each case against a floor measured in the same run."""
