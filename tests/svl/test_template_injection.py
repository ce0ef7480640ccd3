"""No user-controlled string reaches a template compiler: the rule of core/layout.py, checked over the source.

crispy-forms compiles a Fieldset legend, HTML(...), Submit/Button values and StrictButton content as templates; a
value of a user's there runs as template code with the page's context. The project's forms use core.layout instead,
which shows such strings as text. These tests read every module and template of the project, so the rule also
holds for code written later; tests/test_template_canary.py renders the pages themselves with hostile values.
"""

import ast
from pathlib import Path

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout
from django import forms
from django.apps import apps
from django.conf import settings
from django.template import Context, Template

from core.layout import Button, Fieldset, Include, Link, StrictButton, Submit

CANARY = '{{7*7}}{% now "Y" %}<b>x</b>'
ESCAPED_CANARY = "{{7*7}}{% now &quot;Y&quot; %}&lt;b&gt;x&lt;/b&gt;"

# What the project may import from crispy: containers and field wrappers, which compile nothing.
CRISPY_ALLOWED = {
    "crispy_forms.helper": {"FormHelper"},
    "crispy_forms.layout": {"Layout", "Row", "Column", "Div", "Field"},
    "crispy_forms.bootstrap": {"InlineRadios", "InlineCheckboxes"},
    "crispy_forms.utils": {"TEMPLATE_PACK"},
}
# core/layout.py wraps crispy's compiling objects; it is the one module that may import them.
LAYOUT_MODULE = Path(settings.BASE_DIR) / "core" / "layout.py"
# Template variables that hold markup the project builds itself, every value in it escaped where it is built.
SAFE_FILTER_ALLOWED = {
    "chart|safe",  # core/charts.py: SVG, labels escaped
    "chart.svg|safe",  # the same charts in reports
    "qr_svg|safe",  # accounts/two_factor/services.py: the QR code of the set-up's own otpauth URI
}


def _project_packages() -> list[Path]:
    """The project's own code: every installed app at the top of the repository, and the project package."""
    base = Path(settings.BASE_DIR).resolve()
    roots = {Path(config.path).resolve() for config in apps.get_app_configs()}
    roots.add(base / "svl")
    return sorted(root for root in roots if root.parent == base)


def _modules():
    for package in _project_packages():
        for path in sorted(package.rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def _templates():
    directories = [Path(directory) for directory in settings.TEMPLATES[0]["DIRS"]]
    directories += [package / "templates" for package in _project_packages()]
    for directory in directories:
        if directory.is_dir():
            yield from sorted(directory.rglob("*.html"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported_names(tree: ast.Module) -> dict[str, str]:
    """name in the module -> 'module.name' it was imported as."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def test_the_checks_see_the_project():
    checked = {path.relative_to(settings.BASE_DIR).parts[0] for path in _modules()}
    assert {"svl", "locations", "assistants", "cases", "platforms"} <= checked
    assert any(path.name == "shift_work.html" for path in _templates())


def test_no_module_imports_a_crispy_object_that_compiles_templates():
    offences = []
    for path in _modules():
        if path == LAYOUT_MODULE:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crispy_forms"):
                allowed = CRISPY_ALLOWED.get(node.module, set())
                offences += [f"{path}: {node.module}.{a.name}" for a in node.names if a.name not in allowed]
            elif isinstance(node, ast.Import) and any(a.name.startswith("crispy_forms") for a in node.names):
                offences.append(f"{path}: import crispy_forms (import the names, from core.layout where they compile)")
    assert not offences, "Use core.layout instead (Fieldset, Submit, StrictButton, Include, Link):\n" + "\n".join(
        offences
    )


def test_no_module_builds_a_template_from_a_string():
    offences = []
    for path in _modules():
        tree = _tree(path)
        imported = _imported_names(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            origin = imported.get(name, "") if isinstance(node.func, ast.Name) else ""
            if name == "from_string" or origin in {"django.template.Template", "django.template.base.Template"}:
                offences.append(f"{path}:{node.lineno}: {name}(...)")
            if isinstance(node.func, ast.Attribute) and node.func.attr == "Template":
                offences.append(f"{path}:{node.lineno}: ….Template(...)")
    assert not offences, "Render a template file with the data as context instead:\n" + "\n".join(offences)


def test_markup_helpers_take_only_literal_markup():
    """format_html's first argument and anything marked safe are literals: values go in as escaped arguments."""
    offences = []
    for path in _modules():
        for node in ast.walk(_tree(path)):
            if not isinstance(node, ast.Call):
                continue
            name = _called_name(node)
            if name in {"format_html", "mark_safe", "SafeString", "format_html_join"}:
                markup = node.args[1] if name == "format_html_join" and len(node.args) > 1 else None
                markup = markup if markup is not None else (node.args[0] if node.args else None)
                if markup is None or not _is_literal(markup):
                    offences.append(f"{path}:{node.lineno}: {name}({ast.unparse(markup) if markup else ''})")
    assert not offences, "Markup must be a literal; pass values as escaped arguments:\n" + "\n".join(offences)


def test_templates_mark_only_known_markup_safe():
    offences = []
    for path in _templates():
        text = path.read_text(encoding="utf-8")
        if "{% autoescape off" in text:
            offences.append(f"{path}: autoescape off")
        for line_number, line in enumerate(text.splitlines(), start=1):
            for chunk in line.split("{{")[1:]:
                expression = chunk.split("}}")[0].replace(" ", "")
                if "|safe" in expression and expression not in SAFE_FILTER_ALLOWED:
                    offences.append(f"{path}:{line_number}: {{{{ {expression} }}}}")
    assert not offences, "Only markup built (and escaped) by the project may be |safe:\n" + "\n".join(offences)


class _LayoutForm(forms.Form):
    name = forms.CharField(label=CANARY)

    def __init__(self, *args, layout, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = layout


def _render(*layout_objects) -> str:
    form = _LayoutForm(layout=Layout(*layout_objects))
    return Template("{% load crispy_forms_tags %}{% crispy form %}").render(Context({"form": form, "secret": "TAJNE"}))


@pytest.mark.parametrize(
    "layout_object",
    [
        pytest.param(Fieldset(CANARY, "name"), id="fieldset-legend"),
        pytest.param(Submit("submit", CANARY), id="submit-value"),
        pytest.param(Button("button", CANARY), id="button-value"),
        pytest.param(StrictButton(CANARY, type="submit"), id="strictbutton-content"),
        pytest.param(Link("/x/", CANARY), id="link-label"),
        pytest.param(Include("_form_note.html", note=CANARY), id="include-context"),
    ],
)
def test_layout_objects_show_hostile_text_as_text(layout_object):
    html = _render(layout_object)

    assert ESCAPED_CANARY in html
    assert "49" not in html and "<b>x</b>" not in html


def test_a_fieldset_legend_cannot_read_the_context():
    html = _render(Fieldset("{{ secret }}", "name"))

    assert "{{ secret }}" in html and "TAJNE" not in html


def test_a_link_escapes_its_url():
    html = _render(Link('/x/"><script>alert(1)</script>', "Zpět"))

    assert "<script>" not in html
    assert 'href="/x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
