"""Saxon (saxonche) behind one small interface.

One Saxon processor per process; stylesheets compiled once and reused; source documents
handed over only as text serialised from trees the safe loader produced, so Saxon never
parses anything that could pull in a DTD or an entity. xsl:message output is captured and
returned, never printed.
"""

from __future__ import annotations

import html
import threading
from pathlib import Path
from typing import Any

from edition.errors import EditionError
from edition.xml import Document, tostring

_lock = threading.Lock()
_processor = None


class TransformError(EditionError):
    """A stylesheet failed to compile or to run."""


def processor():
    """The process's Saxon processor, created on first use (importing saxonche is slow)."""
    global _processor
    with _lock:
        if _processor is None:
            from saxonche import PySaxonProcessor

            _processor = PySaxonProcessor(license=False)
            # Nothing is fetched over a network: only file: URIs (our own stylesheets and
            # their imports) may be read. Source documents reach Saxon as text from the
            # safe loader, never as paths.
            _processor.set_configuration_property(
                "http://saxon.sf.net/feature/allowedProtocols", "file"
            )
            # The JDK parser counts every &amp; &lt; &quot; of a document as an entity and
            # stops at 100,000 (a long site survey, a big text: "JAXP00010003/4"). No entity
            # declaration ever reaches Saxon (the loader refuses them, and Saxon gets a root
            # element without a DOCTYPE), so those counts guard nothing here: lift the two
            # size limits; the expansion limit stays.
            for limit in ("maxGeneralEntitySizeLimit", "totalEntitySizeLimit"):
                _processor.set_configuration_property(
                    "http://saxon.sf.net/feature/parserProperty?uri="
                    "http%3A//www.oracle.com/xml/jaxp/properties/" + limit, "0")
        return _processor


def to_xdm(document: Document, base_uri: str | None = None):
    """A Saxon document node for a safely parsed document, with its file as base URI."""
    builder = processor().new_document_builder()
    builder.set_base_uri(base_uri or Path(document.path).resolve().as_uri())
    return builder.parse_xml(xml_text=tostring(document.root))


def sequence(items):
    """A Saxon sequence of the given items (nodes or values)."""
    value = processor().empty_sequence()
    for item in items:
        value.add_xdm_item(item)
    return value


def value(python_value: Any):
    """A Saxon atomic value for a Python bool, int, float or str."""
    proc = processor()
    if isinstance(python_value, bool):
        return proc.make_boolean_value(python_value)
    if isinstance(python_value, int):
        return proc.make_integer_value(python_value)
    if isinstance(python_value, float):
        return proc.make_double_value(python_value)
    return proc.make_string_value(str(python_value))


class Stylesheet:
    """A compiled stylesheet. Compile once (per process), apply many times."""

    def __init__(self, path: Path | None = None, text: str | None = None, base_uri: str = ""):
        compiler = processor().new_xslt30_processor()
        try:
            if path is not None:
                self._executable = compiler.compile_stylesheet(stylesheet_file=str(path))
            else:
                if base_uri:
                    compiler.set_cwd(str(Path(base_uri).parent))
                self._executable = compiler.compile_stylesheet(stylesheet_text=text)
        except Exception as exc:  # saxonche raises its own PySaxonApiError
            raise TransformError(f"{path or 'stylesheet'}: does not compile: {exc}") from None
        if self._executable is None:
            raise TransformError(f"{path or 'stylesheet'}: does not compile")
        self._executable.set_save_xsl_message(True)
        self.messages: list[str] = []

    def _prepare(self, parameters: dict[str, Any] | None, output_dir: Path | None = None):
        executable = self._executable
        executable.clear_parameters()
        executable.clear_xsl_messages()
        # xsl:result-document hrefs resolve against this directory (a staging directory).
        if output_dir is not None:
            executable.set_base_output_uri(Path(output_dir).resolve().as_uri() + "/")
        for name, given in (parameters or {}).items():
            xdm = given if hasattr(given, "size") else value(given)
            executable.set_parameter(name, xdm)
        return executable

    def _collect_messages(self) -> None:
        captured = self._executable.get_xsl_messages()
        # Saxon hands messages over as serialised XML: undo its escaping of text.
        self.messages = (
            [html.unescape(str(item)) for item in captured] if captured is not None else []
        )

    def call(
        self,
        template: str,
        parameters: dict[str, Any] | None = None,
        output_dir: Path | None = None,
    ) -> str:
        """Run a named template; the principal result as text. Secondary results
        (xsl:result-document) are written under output_dir."""
        executable = self._prepare(parameters, output_dir)
        try:
            result = executable.call_template_returning_string(template)
        except Exception as exc:
            raise TransformError(f"template {template} failed: {exc}") from None
        finally:
            self._collect_messages()
        return result or ""

    def apply(
        self, source, parameters: dict[str, Any] | None = None, output_dir: Path | None = None
    ) -> str:
        """Transform a Saxon document node; the principal result as text. Secondary results
        (xsl:result-document) are written under output_dir."""
        executable = self._prepare(parameters, output_dir)
        try:
            result = executable.transform_to_string(xdm_node=source)
        except Exception as exc:
            raise TransformError(f"transformation failed: {exc}") from None
        finally:
            self._collect_messages()
        return result or ""
