from django.db import migrations


def load_service_types(apps, schema_editor):
    """The starting taxonomy. Later additions come as further migrations calling the same sync."""
    from strom.network.vocabularies import SERVICE_TYPES

    ServiceType = apps.get_model("network", "ServiceType")
    for code, name, source in SERVICE_TYPES:
        ServiceType.objects.update_or_create(code=code, defaults={"name": name, "source": source})


class Migration(migrations.Migration):
    dependencies = [("network", "0002_services")]
    operations = [migrations.RunPython(load_service_types, migrations.RunPython.noop)]
