from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.viewmodels import QML_IMPORT_MAJOR_VERSION, QML_IMPORT_NAME

__all__ = ["QML_IMPORT_MAJOR_VERSION", "QML_IMPORT_NAME", "KioskRecordListModel"]

#: Qt.ItemDataRole.DisplayRole and UserRole, by their values (Qt's documented 0 and 0x0100): the
#: home screen's sections are such a model, and naming the roles would make all the Qt namespace's
#: enums, about 18 ms of Python, before the first frame.
DISPLAY_ROLE = 0
USER_ROLE = 0x0100


@QmlElement
@QmlUncreatable("Created by the application")
class KioskRecordListModel(QAbstractListModel):  # type: ignore[operator]  # PySide6 stubs: QmlUncreatable is no decorator
    """A list of records (dicts with the same keys), each key a role the delegates read by name."""

    def __init__(self, role_names: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roles = {USER_ROLE + offset: name for offset, name in enumerate(role_names)}
        self._records: list[dict[str, Any]] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY_ROLE) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        name = self._roles.get(role)
        return None if name is None else self._records[index.row()].get(name)

    def roleNames(self) -> dict[int, QByteArray]:
        return {role: QByteArray(name.encode()) for role, name in self._roles.items()}

    def record(self, row: int) -> dict[str, Any]:
        return dict(self._records[row])

    def reset(self, records: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._records = [dict(record) for record in records]
        self.endResetModel()

    def update(self, records: list[dict[str, Any]]) -> None:
        """Changes the list to these records with the least disturbance to the views showing it.

        Rows that stay keep their delegates (only what changed in them is announced), so a list
        scrolled to its fifth row stays there when new content arrives.
        """
        records = [dict(record) for record in records]
        kept = min(len(records), len(self._records))
        if len(records) < len(self._records):
            self.beginRemoveRows(QModelIndex(), kept, len(self._records) - 1)
            del self._records[kept:]
            self.endRemoveRows()
        changed = [row for row in range(kept) if records[row] != self._records[row]]
        self._records[:kept] = records[:kept]
        if changed:
            self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)), list(self._roles))
        if len(records) > kept:
            self.beginInsertRows(QModelIndex(), kept, len(records) - 1)
            self._records.extend(records[kept:])
            self.endInsertRows()

    def update_keyed(self, records: list[dict[str, Any]], key: str) -> None:
        """Changes the list to these records, matched by `key`: rows that stay are not touched.

        Order is not kept (new rows go last); this suits a set of things, such as the tiles of a
        view, where a row that stays must keep its delegate and whatever it has loaded.
        """
        wanted = {record[key]: dict(record) for record in records}
        row = len(self._records)
        while row > 0:
            row -= 1
            if self._records[row][key] in wanted:
                continue
            # Neighbouring rows that go, go in one removal.
            last = row
            while row > 0 and self._records[row - 1][key] not in wanted:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row, last)
            del self._records[row : last + 1]
            self.endRemoveRows()
        present = {record[key] for record in self._records}
        added = [record for name, record in wanted.items() if name not in present]
        if added:
            self.beginInsertRows(QModelIndex(), len(self._records), len(self._records) + len(added) - 1)
            self._records.extend(added)
            self.endInsertRows()
