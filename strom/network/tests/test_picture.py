"""The picture of the network: the pure layout, and the organisations and links it is given."""

from __future__ import annotations

import math
import random
from datetime import timedelta

import pytest
from django.utils import timezone

from strom.network import partnership_services as services
from strom.network.models import Organisation, OrganisationType, PartnershipRole
from strom.network.picture import (
    EDGE_STYLES,
    HEIGHT,
    NODE_RADIUS,
    SECTORS,
    WIDTH,
    Edge,
    Node,
    lay_out,
    partnership_edges,
    picture_of,
    sector_of,
)
from strom.network.tests.test_partnership_services import actor, make_partnership
from strom.network.tests.test_services_network import add_service

NODES = [
    Node("a", "Riga Social Service", "municipal_social_services", role="lead"),
    Node("b", "Riga Safe House", "shelter", role="member"),
    Node("c", "State Police of Latvia", "police", role="observer"),
    Node("d", "Latvian National Coordinator", "national_coordinator"),
    Node("e", "Another shelter", "shelter"),
    Node("f", "Riga Children's Home", "child_protection", role="member"),
]
EDGES = [Edge("b", "a", "partnership"), Edge("c", "a", "partnership"), Edge("f", "a", "partnership")]


def coordinates(picture) -> dict:
    return {p.node.id: (p.x, p.y, p.label_x, p.label_y, p.anchor) for p in picture.nodes}


# --- Pure: the layout -------------------------------------------------------------------------


def test_every_node_is_placed_once_inside_the_canvas():
    picture = lay_out(NODES, EDGES)
    assert sorted(p.node.id for p in picture.nodes) == sorted(n.id for n in NODES)
    for placed in picture.nodes:
        assert placed.radius <= placed.x <= WIDTH - placed.radius
        assert placed.radius <= placed.y <= HEIGHT - placed.radius
        assert 0 <= placed.label_x <= WIDTH and 0 <= placed.label_y <= HEIGHT


def test_the_layout_is_deterministic_whatever_the_input_order():
    expected = coordinates(lay_out(NODES, EDGES))
    rng = random.Random(7)
    for _attempt in range(10):
        nodes, edges = NODES[:], EDGES[:]
        rng.shuffle(nodes)
        rng.shuffle(edges)
        assert coordinates(lay_out(nodes, edges)) == expected
    assert lay_out(NODES, EDGES) == lay_out(NODES, EDGES)


def test_nodes_sit_on_one_circle_grouped_by_sector_and_type():
    picture = lay_out(NODES, EDGES)
    cx, cy = WIDTH / 2, HEIGHT / 2
    radii = {round(math.hypot(p.x - cx, p.y - cy)) for p in picture.nodes}
    assert len(radii) == 1 or max(radii) - min(radii) <= 1
    order = [p.node.id for p in picture.nodes]
    # social services and child protection, then police, then the shelters (by name), then national bodies
    assert order == ["a", "f", "c", "e", "b", "d"]
    assert picture.nodes[0].y < cy and abs(picture.nodes[0].x - cx) < 1  # the first at the top


def test_a_free_slot_separates_sectors():
    picture = lay_out(NODES, EDGES)
    cx, cy = WIDTH / 2, HEIGHT / 2
    angles = [math.atan2(p.y - cy, p.x - cx) for p in picture.nodes]
    steps = [round(((b - a) % (2 * math.pi)) / (2 * math.pi) * 10) for a, b in zip(angles, angles[1:], strict=False)]
    # 6 nodes in 4 sectors: 10 slots; same sector one slot apart, next sector two
    assert steps == [1, 2, 2, 1, 2]


def test_colours_shapes_and_labels():
    placed = {p.node.id: p for p in lay_out(NODES, EDGES).nodes}
    assert placed["a"].colour == sector_of("municipal_social_services").colour
    assert placed["a"].radius == NODE_RADIUS["lead"] > placed["b"].radius
    assert placed["b"].filled and not placed["d"].filled
    left, right = min(placed.values(), key=lambda p: p.x), max(placed.values(), key=lambda p: p.x)
    assert left.anchor == "end" and right.anchor == "start"
    long = lay_out([Node("x", "A very long organisation name that goes on and on", "ngo")]).nodes[0]
    assert long.label.endswith("…") and len(long.label) <= 30 and long.node.name.startswith(long.label[:-1])


def test_edges_join_their_nodes_and_become_links_both_ways():
    picture = lay_out(NODES, EDGES)
    placed = {p.node.id: p for p in picture.nodes}
    assert len(picture.edges) == 3
    for line in picture.edges:
        assert (line.x1, line.y1) == (placed[line.edge.source].x, placed[line.edge.source].y)
        assert (line.x2, line.y2) == (placed[line.edge.target].x, placed[line.edge.target].y)
        assert line.dash == ""
    assert [link.other.id for link in placed["a"].links] == ["f", "c", "b"]
    assert [link.other.id for link in placed["b"].links] == ["a"]
    assert placed["d"].links == ()
    assert [kind for kind, _style in picture.edge_kinds] == ["partnership"]


def test_edges_of_another_kind_are_drawn_dashed_and_duplicates_count_once():
    edges = [*EDGES, Edge("a", "b", "partnership"), Edge("d", "e", "referral"), Edge("e", "d", "referral"),
             Edge("a", "a", "partnership")]
    picture = lay_out(NODES, edges)
    assert len(picture.edges) == 4
    referral = next(line for line in picture.edges if line.edge.kind == "referral")
    assert referral.dash == EDGE_STYLES["referral"].dash != ""
    assert {kind for kind, _style in picture.edge_kinds} == {"partnership", "referral"}


def test_edges_must_name_nodes_and_known_kinds():
    with pytest.raises(ValueError):
        lay_out(NODES, [Edge("a", "zz", "partnership")])
    with pytest.raises(ValueError):
        lay_out(NODES, [Edge("a", "b", "friendship")])


def test_empty_and_single_pictures():
    assert lay_out([]).is_empty
    only = lay_out([Node("x", "Alone", "hotline")])
    assert len(only.nodes) == 1 and not only.edges


def test_every_organisation_type_has_a_sector_and_unknown_types_still_appear():
    assert {t for sector in SECTORS for t in sector.types} == set(OrganisationType.values)
    picture = lay_out([*NODES, Node("z", "Unknown kind", "lighthouse")])
    assert picture.nodes[-1].node.id == "z" and picture.nodes[-1].sector.code == "other"


# --- The Django layer: which organisations and links -----------------------------------------


@pytest.mark.django_db
def test_picture_of_a_municipality(network):
    partnership = make_partnership(network)
    keeper = actor(network.local_coordinator)
    services.add_member(keeper, partnership, organisation=network.coordinator, role=PartnershipRole.MEMBER,
                        active_from=timezone.localdate() - timedelta(days=90),
                        active_to=timezone.localdate() - timedelta(days=1))  # a former member
    add_service(network.hotline, "hotline", "Helpline for Riga too", areas=[network.riga, network.vilnius])
    add_service(network.outsider, "hotline", "Vilnius only", areas=[network.vilnius])
    retired = Organisation.objects.create(name="Closed NGO", type=OrganisationType.NGO, country="LV",
                                          municipality=network.riga, is_active=False)
    picture = picture_of(network.riga)
    names = {p.node.name: p for p in picture.nodes}
    assert set(names) == {"Riga Social Service", "Riga Safe House", "State Police of Latvia", "Vilnius Hotline"}
    assert retired.name not in names
    assert names["Riga Social Service"].node.role == "lead" and names["Vilnius Hotline"].node.role == ""
    assert names["State Police of Latvia"].node.role_label == "Observer"
    pairs = {frozenset((line.edge.source, line.edge.target)) for line in picture.edges}
    lead = str(network.social.pk)
    assert pairs == {frozenset((str(network.shelter.pk), lead)), frozenset((str(network.police.pk), lead))}


@pytest.mark.django_db
def test_a_municipality_without_partnership_has_organisations_but_no_links(network):
    assert partnership_edges(network.vilnius) == []
    picture = picture_of(network.vilnius)
    assert {p.node.name for p in picture.nodes} == {"Vilnius Hotline", "Vilnius Outsider NGO"}
    assert picture.edges == ()


@pytest.mark.django_db
def test_more_edge_sources_bring_their_organisations(network):
    def referrals(municipality, *, today=None):
        return [Edge(str(network.hotline.pk), str(network.outsider.pk), "referral"),
                Edge(str(network.police.pk), str(network.hotline.pk), "referral")]

    picture = picture_of(network.vilnius, sources=[partnership_edges, referrals])
    assert "State Police of Latvia" in {p.node.name for p in picture.nodes}
    assert len(picture.edges) == 2 and all(line.dash for line in picture.edges)
