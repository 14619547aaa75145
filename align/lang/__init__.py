"""Language knowledge as data, in one home: the tables of heading patterns, abbreviations,
look-alike letters, months and number words (`tables`), Kazakh endings and stems
(`kazakh`), and the word pattern and letter folding every stage shares (`words`)."""
