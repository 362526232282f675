"""Traffic through the contexts: connection tables, Stateful Failover replication, ASR groups.

- `table.py`: a context's connection table on one unit (pure data and functions);
- `engine.py`: packets from the `@traffic` directive, replication to the mate over the
  Stateful Failover link, bulk sync when a group becomes standby, ASR redirection;
- `show.py`: `show conn [count|detail]` and `clear conn` renderers (pure functions);
- `commands.py`: their command handlers.

The lab builds the engine over the pair's state and subscribes it to group changes (it is told
when a group changes state and when a unit boots or goes down); nothing here runs per command.
"""
