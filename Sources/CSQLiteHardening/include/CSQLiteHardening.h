#ifndef CSQLITEHARDENING_H
#define CSQLITEHARDENING_H

/// Turns off the two-argument fts3_tokenizer() on a connection (it would
/// register an arbitrary pointer as a tokenizer). `connection` is an
/// `sqlite3 *`. Returns SQLite's result code (0: done).
/// sqlite3_db_config is variadic, so Swift cannot call it directly.
int hz_sqlite_disable_fts3_tokenizer(void *connection);

#endif
