#include <sqlite3.h>
#include "CSQLiteHardening.h"

int hz_sqlite_disable_fts3_tokenizer(void *connection) {
    int enabled = -1;
    return sqlite3_db_config((sqlite3 *)connection, SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, &enabled);
}
