from __future__ import annotations

from django import forms


class StromForm(forms.Form):
    """A form whose inputs carry the design system's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")
