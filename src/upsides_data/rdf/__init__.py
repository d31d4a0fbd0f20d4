"""RDF export (``to_rdf``), import (``from_rdf``) and SPARQL (``query``); see docs/rdf.md.

Modules: ``terms`` (IRIs from the schema), ``triples`` (term frames and serialisations),
``content`` (records), ``annotations`` (quotes as Web Annotations), ``activities`` (PROV),
``places`` (EU country IRIs), ``catalog`` (DCAT), ``export``, ``importer``, ``query``, and
``shacl`` (the one documented adjustment of the generated shapes).
"""
