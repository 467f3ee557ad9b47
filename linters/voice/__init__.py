"""The ``voice.*`` rules and the passion score: does a post sound like a person talking to a reader,
or like a company issuing a statement? Word lists are data (``data/``), matched in one pass
(``matcher``), turned into signal rates (``signals``) and combined into a 0–100 score (``score``)."""
