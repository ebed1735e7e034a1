-- The conditional-GET validators of each applied LEIE file: a monthly supplement already applied is
-- asked for with them, and an unchanged one costs a 304 instead of a download (daily, all month).
ALTER TABLE leie_file ADD COLUMN etag TEXT, ADD COLUMN last_modified TEXT;
