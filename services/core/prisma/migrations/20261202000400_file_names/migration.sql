-- A downloaded file keeps the name it was uploaded with (issue #12): the client's file name, made
-- safe (no folders, no control characters), or `<kind>-<revision>.<extension of its type>`.
ALTER TABLE "file_revision" ADD COLUMN "filename" TEXT;
