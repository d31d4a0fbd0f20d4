"""Generation of every derived artifact from the LinkML schema (``make generate``).

It needs the linkml toolchain, which the runtime install leaves out (the ``generate`` extra):
importing this package without it raises UsageError naming the extra.
"""

from upsides_data.extras import require

require("linkml_runtime", extra="generate", purpose="generating artifacts from the schema")
require("linkml.generators", extra="generate", purpose="generating artifacts from the schema")
