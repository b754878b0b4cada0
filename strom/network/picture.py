"""A picture of a municipality's cooperation network: organisations as nodes, their links as edges.

The core, `lay_out(nodes, edges)`, is a pure function: the same nodes and edges always give the same
coordinates, whatever order they come in. Organisations sit on one circle, grouped by sector and,
within a sector, by organisation type (the order of `SECTORS`), then by name; a free slot separates
one sector from the next. Each sector has its colour; partnership members are filled circles, the
others outlined, the lead a little larger. Labels sit outside the circle, left- or right-aligned by
side, so they run away from the picture.

Edges carry a kind (`EDGE_STYLES`): the partnership links each member to the group's lead; the
referral issue adds a "referral" kind and an edge source (`EDGE_SOURCES`), nothing else changes.

The Django layer (`picture_of`) gathers the nodes: active organisations based in the municipality,
organisations with an active service whose areas include it, today's partnership members, and any
organisation an edge names. The page draws the result as inline SVG with presentation attributes
(the CSP allows no inline styles or scripts) beside a table that says the same in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Sector:
    code: str
    label: str
    colour: str  # at least 3:1 against white (WCAG 1.4.11), and white text-safe
    types: tuple[str, ...]


# Rules as data: which organisation types form a sector, in the order they go round the circle.
SECTORS: tuple[Sector, ...] = (
    Sector("social", _("Social services and child protection"), "#1e4f91",
           ("municipal_social_services", "child_protection")),
    Sector("services", _("Health, education, housing and work"), "#0e6a70",
           ("health", "education", "housing", "employment_service")),
    Sector("justice", _("Law enforcement and inspection"), "#9c3d00",
           ("police", "border_guard", "prosecutor", "labour_inspectorate", "migration_authority")),
    Sector("civil", _("Civil society"), "#2e6b1f", ("ngo", "shelter", "hotline")),
    Sector("national", _("National and international bodies"), "#6b3fa0",
           ("national_coordinator", "embassy", "international_organisation")),
)
OTHER_SECTOR = Sector("other", _("Other"), "#595959", ())
SECTOR_OF_TYPE = {type_: sector for sector in SECTORS for type_ in sector.types}
TYPE_RANK = {type_: rank for rank, type_ in enumerate(t for sector in SECTORS for t in sector.types)}


@dataclass(frozen=True)
class EdgeStyle:
    label: str  # in the key
    link: str  # after the other organisation's name in the table
    colour: str
    dash: str = ""  # an SVG stroke-dasharray; empty for a solid line


EDGE_STYLES: dict[str, EdgeStyle] = {
    "partnership": EdgeStyle(_("Partnership: a member and its lead"), _("partnership"), "#4d4d4d"),
    "referral": EdgeStyle(_("Referrals"), _("referrals"), "#4d4d4d", "6 4"),
}


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str
    type_label: str = ""
    role: str = ""  # the role in the partnership ("lead", "member", "observer"), empty if none
    role_label: str = ""


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str


@dataclass(frozen=True)
class Link:
    other: Node
    kind: str
    kind_label: str


@dataclass(frozen=True)
class PlacedNode:
    node: Node
    x: float
    y: float
    radius: float
    colour: str
    filled: bool
    label: str
    label_x: float
    label_y: float
    anchor: str  # SVG text-anchor: start, middle or end
    sector: Sector
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class PlacedEdge:
    edge: Edge
    x1: float
    y1: float
    x2: float
    y2: float
    colour: str
    dash: str


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    sectors: tuple[Sector, ...] = ()  # those that appear, for the legend
    edge_kinds: tuple[tuple[str, EdgeStyle], ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.nodes


WIDTH, HEIGHT = 960, 640
LABEL_ROOM = 230  # horizontal room for a label beside the circle
LABEL_GAP = 16
MAX_LABEL = 30
NODE_RADIUS = {"lead": 13.0, "member": 10.0, "observer": 10.0, "": 8.0}


def sector_of(type_: str) -> Sector:
    return SECTOR_OF_TYPE.get(type_, OTHER_SECTOR)


def _order_key(node: Node) -> tuple:
    return (TYPE_RANK.get(node.type, len(TYPE_RANK)), node.type, node.name.casefold(), node.name, node.id)


def _label(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1].rstrip() + "…"


def _slots(ordered: list[Node]) -> tuple[list[int], int]:
    """Each node's slot on the circle; one empty slot after every sector when there are several."""
    sectors = [sector_of(node.type).code for node in ordered]
    gaps = len(dict.fromkeys(sectors)) > 1
    slots, slot = [], 0
    for index, code in enumerate(sectors):
        if gaps and index and code != sectors[index - 1]:
            slot += 1
        slots.append(slot)
        slot += 1
    return slots, slot + (1 if gaps else 0)


def _checked_edges(edges: Iterable[Edge], known: set[str]) -> list[Edge]:
    """Unknown ends or kinds are a caller's mistake; a link given twice (either way round) counts once."""
    seen, result = set(), []
    for edge in edges:
        if edge.source not in known or edge.target not in known:
            raise ValueError(f"edge {edge.source} → {edge.target} names an organisation that is not a node")
        if edge.kind not in EDGE_STYLES:
            raise ValueError(f"unknown kind of edge: {edge.kind}")
        if edge.source == edge.target:
            continue
        key = (edge.kind, *sorted((edge.source, edge.target)))
        if key not in seen:
            seen.add(key)
            result.append(edge)
    return sorted(result, key=lambda e: (e.kind, *sorted((e.source, e.target))))


def lay_out(nodes: Iterable[Node], edges: Iterable[Edge] = (), *, width: int = WIDTH, height: int = HEIGHT) -> Picture:
    """Coordinates for every node and edge: deterministic, independent of the input's order."""
    unique = {node.id: node for node in nodes}
    ordered = sorted(unique.values(), key=_order_key)
    edges = _checked_edges(edges, set(unique))
    cx, cy = width / 2, height / 2
    radius = max(40.0, min(cy - 48, cx - LABEL_ROOM))
    slots, total = _slots(ordered)
    links: dict[str, list[Link]] = {node.id: [] for node in ordered}
    for edge in edges:
        label = str(EDGE_STYLES[edge.kind].link)
        links[edge.source].append(Link(unique[edge.target], edge.kind, label))
        links[edge.target].append(Link(unique[edge.source], edge.kind, label))
    placed: dict[str, PlacedNode] = {}
    for node, slot in zip(ordered, slots, strict=True):
        angle = -math.pi / 2 + 2 * math.pi * slot / max(total, 1)
        cos, sin = math.cos(angle), math.sin(angle)
        x, y = cx + radius * cos, cy + radius * sin
        anchor = "start" if cos > 0.25 else "end" if cos < -0.25 else "middle"
        label_distance = radius + LABEL_GAP + NODE_RADIUS["lead"]
        label_y = cy + label_distance * sin + (5 if anchor != "middle" else (16 if sin > 0 else -4))
        sector = sector_of(node.type)
        placed[node.id] = PlacedNode(
            node=node, x=round(x, 1), y=round(y, 1), radius=NODE_RADIUS.get(node.role, NODE_RADIUS["member"]),
            colour=sector.colour, filled=bool(node.role), label=_label(node.name),
            label_x=round(cx + label_distance * cos, 1), label_y=round(label_y, 1), anchor=anchor, sector=sector,
            links=tuple(sorted(links[node.id], key=lambda link: (link.kind, _order_key(link.other)))),
        )
    placed_edges = tuple(
        PlacedEdge(edge=edge, x1=placed[edge.source].x, y1=placed[edge.source].y, x2=placed[edge.target].x,
                   y2=placed[edge.target].y, colour=EDGE_STYLES[edge.kind].colour, dash=EDGE_STYLES[edge.kind].dash)
        for edge in edges
    )
    sectors = tuple(dict.fromkeys(p.sector for p in placed.values()))
    kinds = tuple((kind, EDGE_STYLES[kind]) for kind in dict.fromkeys(edge.kind for edge in edges))
    return Picture(width=width, height=height, nodes=tuple(placed[node.id] for node in ordered),
                   edges=placed_edges, sectors=sectors, edge_kinds=kinds)


# --- The Django layer ---------------------------------------------------------------------------


def partnership_edges(municipality, *, today=None) -> list[Edge]:
    """Every member of the municipality's partnership today ↔ each of its leads."""
    from strom.network.models import Partnership, PartnershipRole
    from strom.network.partnership_queries import active_members

    partnership = Partnership.objects.filter(municipality=municipality).first()
    if partnership is None:
        return []
    members = list(active_members(partnership, today=today).values_list("organisation_id", "role"))
    leads = [organisation for organisation, role in members if role == PartnershipRole.LEAD]
    return [Edge(str(organisation), str(lead), "partnership")
            for organisation, _role in members for lead in leads if organisation != lead]


# Each source gives the edges of one kind for a municipality; the referral issue appends its own.
EDGE_SOURCES: list[Callable[..., list[Edge]]] = [partnership_edges]


def picture_of(municipality, *, today=None, sources=None, width: int = WIDTH, height: int = HEIGHT) -> Picture:
    """The municipality's network: organisations there, serving it or in its partnership, and their links."""
    from django.db.models import Q

    from strom.network.models import Organisation, Partnership, PartnershipRole, Service
    from strom.network.partnership_queries import active_members

    edges = [edge for source in (sources if sources is not None else EDGE_SOURCES)
             for edge in source(municipality, today=today)]
    roles: dict[str, str] = {}
    partnership = Partnership.objects.filter(municipality=municipality).first()
    if partnership is not None:
        roles = {str(organisation): role for organisation, role in
                 active_members(partnership, today=today).values_list("organisation_id", "role")}
    serving = Service.objects.filter(is_active=True, areas=municipality).values("organisation_id")
    named = {edge.source for edge in edges} | {edge.target for edge in edges} | set(roles)
    organisations = Organisation.objects.filter(is_active=True).filter(
        Q(municipality=municipality) | Q(pk__in=serving) | Q(pk__in=named))
    role_labels = dict(PartnershipRole.choices)
    nodes = [Node(id=str(o.pk), name=o.name, type=o.type, type_label=str(o.get_type_display()),
                  role=roles.get(str(o.pk), ""), role_label=str(role_labels.get(roles.get(str(o.pk), ""), "")))
             for o in organisations]
    known = {node.id for node in nodes}
    return lay_out(nodes, [edge for edge in edges if edge.source in known and edge.target in known],
                   width=width, height=height)
