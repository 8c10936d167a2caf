"""Plotly figures: pure functions from DataFrames to figures, one module per topic."""
