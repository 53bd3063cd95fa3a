from kiosk.services.navigation import NavigationService


def make(counts: list[int]) -> tuple[NavigationService, list[tuple[int, int]]]:
    service = NavigationService(counts)
    seen: list[tuple[int, int]] = []
    service.changed.connect(lambda: seen.append((service.section, service.panel)))
    return service, seen


def test_starts_at_home() -> None:
    service, _ = make([3, 2])
    assert service.at_home
    assert service.panel_count == 0


def test_back_walks_panels_then_returns_home() -> None:
    service, seen = make([3, 2])
    service.open_section(0)
    service.next_panel()
    service.next_panel()
    service.back()
    service.back()
    service.back()
    assert seen == [(0, 0), (0, 1), (0, 2), (0, 1), (0, 0), (-1, 0)]
    assert service.at_home


def test_advance_runs_through_the_whole_exhibit_and_home() -> None:
    service, seen = make([2, 1])
    service.open_section(0)
    kinds = []
    while True:
        kinds.append(service.advance_kind)
        service.advance()
        if service.at_home:
            break
    assert seen == [(0, 0), (0, 1), (1, 0), (-1, 0)]
    assert kinds == ["panel", "section", "home"]


def test_out_of_range_requests_change_nothing() -> None:
    service, seen = make([2])
    service.open_section(5)
    service.show_panel(1)
    service.open_section(0)
    service.show_panel(7)
    service.next_panel()
    service.next_panel()
    assert seen == [(0, 0), (0, 1)]


def test_new_content_keeps_the_visitor_where_possible() -> None:
    service, _ = make([4, 4])
    service.open_section(1, panel=3)
    service.relocate([4, 2], 1, 3)
    assert (service.section, service.panel) == (1, 1)
    # A section inserted before the open one: the visitor moves with their section.
    service.relocate([3, 4, 2], 2, 1)
    assert (service.section, service.panel) == (2, 1)
    service.relocate([4], -1, 0)
    assert service.at_home
