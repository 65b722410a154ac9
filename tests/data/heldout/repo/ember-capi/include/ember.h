/* ember.h - C API for the ember embedded key-value store.
 *
 * All functions returning int return EMBER_OK (0) on success or one of the
 * EMBER_ERR_* codes; ember_last_error() then returns a message that stays
 * valid until the next failing call on the same thread.
 */
#ifndef EMBER_H
#define EMBER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define EMBER_OK 0
#define EMBER_ERR_IO 1
#define EMBER_ERR_CORRUPTION 2
#define EMBER_ERR_LOCKED 3
#define EMBER_ERR_CONFLICT 4
#define EMBER_ERR_NOT_FOUND 5
#define EMBER_ERR_INVALID 6
#define EMBER_ERR_CLOSED 7

#define EMBER_SYNC_NONE 0
#define EMBER_SYNC_DATA 1
#define EMBER_SYNC_FULL 2

typedef struct ember_options_t ember_options_t;
typedef struct ember_db_t ember_db_t;
typedef struct ember_iter_t ember_iter_t;

const char *ember_version(void);
const char *ember_last_error(void);

ember_options_t *ember_options_new(void);
void ember_options_set_sync(ember_options_t *opts, int mode);
void ember_options_free(ember_options_t *opts);

int ember_open(const char *path, const ember_options_t *opts, ember_db_t **out);
void ember_close(ember_db_t *db);

int ember_put(ember_db_t *db, const uint8_t *key, size_t key_len,
              const uint8_t *val, size_t val_len);
/* *val is malloc'd; release with ember_free(). */
int ember_get(ember_db_t *db, const uint8_t *key, size_t key_len,
              uint8_t **val, size_t *val_len);
int ember_delete(ember_db_t *db, const uint8_t *key, size_t key_len);
void ember_free(void *p);

/* Iterators must be freed before ember_close() is called on their db. */
ember_iter_t *ember_iter_new(ember_db_t *db);
void ember_iter_seek_to_first(ember_iter_t *it);
void ember_iter_seek(ember_iter_t *it, const uint8_t *key, size_t key_len);
int ember_iter_valid(const ember_iter_t *it);
void ember_iter_next(ember_iter_t *it);
const uint8_t *ember_iter_key(const ember_iter_t *it, size_t *len);
const uint8_t *ember_iter_value(const ember_iter_t *it, size_t *len);
void ember_iter_free(ember_iter_t *it);

#ifdef __cplusplus
}
#endif

#endif /* EMBER_H */
