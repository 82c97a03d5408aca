"""Reports: generated Markdown tables and figures for ``docs/`` (``superbounds docs``)."""
