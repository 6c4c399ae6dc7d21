"""English: the rules for writing the product's copy (articles, plurals, tenses)."""
