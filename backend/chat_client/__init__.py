"""`budongsan chat`: the terminal client of the REST/SSE API (the same API the web page uses).

`credentials` keeps the login token per server, `api` talks HTTP and reads the event stream, `render`
draws answers and progress with rich, `repl` is the prompt loop and its slash commands.
"""
