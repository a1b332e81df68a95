"""One module per CLI command: `add_parser(sub)` declares it, `run(args)` runs it."""
