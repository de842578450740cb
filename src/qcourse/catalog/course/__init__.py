"""The course's own modules: each file here is a pack (TITLE, EXERCISES, POSITION) written
against `qcourse.authoring`, loaded like an instructor's pack (qcourse.catalog.packs)."""
