"""Progress charts, in two halves that share their rules.

- The terminal summary, `tracker.charts.terminal`: what the Textual Charts screen draws (weekly
  hours, the habit calendar, the burn-up, the streaks) from one GROUP BY day query and plain
  Python, with no pandas, numpy or plotly, so the screen opens quickly even on a ten-year journal.
  The rules both halves share (calendar levels, the burn-up's pace and forecast) are defined there.
- The HTML dashboard (`tracker charts`, and the screen's key for it), with pandas and plotly:
  `frames` builds every chart's pandas table over the whole history, `figures` the plotly figures,
  `dashboard` the one self-contained page, and `images` the PNG/SVG files through kaleido.

This file imports nothing, so `import tracker.charts.terminal` stays cheap; import the dashboard's
modules by name where they are needed.
"""
