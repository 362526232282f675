"""The `show failover` family (chapter 34, "Monitoring Failover"): gather -> model -> render.

- `gather.py` reads the pair's state into views (the only part that knows the engine);
- `model.py` the views: plain frozen dataclasses;
- `render.py` views -> the ASA's lines (pure functions).
"""
