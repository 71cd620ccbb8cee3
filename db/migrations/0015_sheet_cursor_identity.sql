-- Sheets cursors move from a row number to row identities (decision 0031). A cursor of the old
-- form ({spreadsheet_id, sheet, row}) becomes the new one, marked to adopt the rows above its row:
-- the next poll remembers every row there as already run (they were, by the row-number cursor)
-- and starts runs only for rows from that row on. Nothing old runs again, nothing new is lost.
UPDATE `trigger_cursor`
SET `cursor` = json_set(`cursor`, '$.v', 2, '$.adopt_below', json_extract(`cursor`, '$.row'))
WHERE json_valid(`cursor`) AND json_extract(`cursor`, '$.v') IS NULL AND json_type(`cursor`, '$.row') = 'integer';
