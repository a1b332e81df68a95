"""The Excel front end (xlwings): ribbon handlers, the live-book adapter and the UDFs.

`book` reads a live `xlwings.Book` into the core's grids and applies a core `WritePlan` to it;
`handlers` holds the functions the ribbon calls through `RunPython`; `udfs` the `@xw.func`
worksheet functions. Only xlwings' engine-neutral API is used (DESIGN §6), so the same code
runs on desktop Excel and on xlwings' remote engine (xlwings Server / Lite, and the tests).
"""
