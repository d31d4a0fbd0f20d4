"""What a site's data manager needs to ship a package without writing code.

``init`` scaffolds a package (site, participation, the World Bank income classification from
the table this library ships); ``template`` writes a spreadsheet generated from the schema;
``pack`` turns a filled workbook or a folder of CSV files into a package, tolerant of
spreadsheet habits and never guessing silently; ``locate`` maps findings back to the user's own
sheets, rows and column letters. See docs/guides/ship-your-package.md and docs/spreadsheets.md.
"""
