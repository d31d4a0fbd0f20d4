"""RDF export (``export_rdf``), import (``import_rdf``) and SPARQL (``query``); see docs/rdf.md.

Modules: ``derive`` (reads the schema at generate time into ``datamodel/rdf-terms.json``),
``terms`` (IRIs from that file), ``triples`` (term frames, N-Triples and Turtle), ``jsonld``
(compact JSON-LD),
``content`` (records), ``annotations`` (quotes as Web Annotations), ``activities`` (PROV),
``places`` (EU country IRIs), ``catalog`` (DCAT), ``export``, ``importer``, ``query``, and
``shacl`` (the one documented adjustment of the generated shapes).
"""
