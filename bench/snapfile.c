/* Writing, checking and searching the prototype's snapshot file (see snapfile.h). */
#include "snapfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int oid_cmp(const uint32_t *a, size_t alen, const uint32_t *b, size_t blen)
{
        size_t n = alen < blen ? alen : blen;
        for (size_t i = 0; i < n; i++)
                if (a[i] != b[i])
                        return a[i] < b[i] ? -1 : 1;
        return alen < blen ? -1 : alen > blen ? 1 : 0;
}

static size_t pad4(size_t n)
{
        return (n + 3) & ~(size_t)3;
}



__attribute__((format(printf, 3, 4))) static int bad(char *why, size_t whysz, const char *fmt, ...)
{
        if (why && whysz) {
                va_list ap;
                va_start(ap, fmt);
                vsnprintf(why, whysz, fmt, ap);
                va_end(ap);
        }
        return -EINVAL;
}

int snap_file_check(const void *base, size_t size, struct snap_view *ret, char *why, size_t whysz)
{
        const struct snap_file_header *h = base;
        if (size < sizeof(*h))
                return bad(why, whysz, "%zu octets: shorter than the header", size);
        if (memcmp(h->magic, SNAP_FILE_MAGIC, 8) != 0)
                return bad(why, whysz, "not a snapshot file (no %s magic)", SNAP_FILE_MAGIC);
        if (h->version != SNAP_FILE_VERSION)
                return bad(why, whysz, "format version %u, this reader knows %u only", h->version,
                           SNAP_FILE_VERSION);
        if (h->file_size != size)
                return bad(why, whysz, "header says %llu octets, the file has %zu (truncated?)",
                           (unsigned long long)h->file_size, size);
        size_t index_end = sizeof(*h) + (size_t)h->n_records * sizeof(uint32_t);
        if (h->n_records > size / sizeof(uint32_t) || index_end > size)
                return bad(why, whysz, "%u records do not fit %zu octets", h->n_records, size);
        const uint8_t *b = base;
        const uint32_t *index = (const uint32_t *)(b + sizeof(*h));
        const uint32_t *prev = NULL;
        size_t prev_len = 0;
        for (size_t i = 0; i < h->n_records; i++) {
                size_t off = index[i];
                if (off < index_end || off % 4 || off > size - sizeof(struct snap_record))
                        return bad(why, whysz, "record %zu: offset %zu out of bounds", i, off);
                const struct snap_record *r = (const struct snap_record *)(b + off);
                size_t need = sizeof(*r) + (size_t)r->oid_len * 4 + r->value_len;
                if (r->oid_len == 0 || r->oid_len > SNAP_OID_MAX || need > size - off)
                        return bad(why, whysz, "record %zu: lengths out of bounds", i);
                const uint32_t *oid = (const uint32_t *)(r + 1);
                if (prev && oid_cmp(prev, prev_len, oid, r->oid_len) >= 0)
                        return bad(why, whysz, "record %zu: not after record %zu in OID order", i,
                                   i - 1);
                prev = oid;
                prev_len = r->oid_len;
        }
        *ret = (struct snap_view){b, size, h, index};
        return 0;
}

void snap_entry_at(const struct snap_view *v, size_t i, struct snap_entry *ret)
{
        const struct snap_record *r = (const struct snap_record *)(v->base + v->index[i]);
        const uint32_t *oid = (const uint32_t *)(r + 1);
        *ret = (struct snap_entry){oid, r->oid_len, (enum snap_type)r->type, oid + r->oid_len,
                                   r->value_len};
}

size_t snap_find(const struct snap_view *v, const uint32_t *oid, size_t len, bool strictly_after)
{
        size_t lo = 0, hi = v->hdr->n_records;
        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                const struct snap_record *r =
                    (const struct snap_record *)(v->base + v->index[mid]);
                int c = oid_cmp((const uint32_t *)(r + 1), r->oid_len, oid, len);
                if (c < 0 || (strictly_after && c == 0))
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return lo;
}

static bool grow(void **p, size_t *cap, size_t need, size_t unit)
{
        if (need <= *cap)
                return true;
        size_t n = *cap ? *cap : 1024;
        while (n < need)
                n *= 2;
        void *q = realloc(*p, n * unit);
        if (!q)
                return false;
        *p = q;
        *cap = n;
        return true;
}

void snap_writer_add(struct snap_writer *w, const uint32_t *oid, size_t oid_len,
                     enum snap_type type, const void *value, size_t value_len)
{
        size_t rec = pad4(sizeof(struct snap_record) + oid_len * 4 + value_len);
        if (w->failed || oid_len == 0 || oid_len > SNAP_OID_MAX ||
            !grow((void **)&w->buf, &w->cap, w->len + rec, 1) ||
            !grow((void **)&w->offsets, &w->n_cap, w->n + 1, sizeof(uint32_t))) {
                w->failed = true;
                return;
        }
        uint8_t *p = w->buf + w->len;
        memset(p, 0, rec);
        struct snap_record r = {(uint16_t)oid_len, (uint8_t)type, 0, (uint32_t)value_len};
        memcpy(p, &r, sizeof(r));
        memcpy(p + sizeof(r), oid, oid_len * 4);
        if (value_len)
                memcpy(p + sizeof(r) + oid_len * 4, value, value_len);
        w->offsets[w->n++] = (uint32_t)w->len; /* relative to the records; fixed at publish */
        w->len += rec;
}

static int write_all(int fd, const void *p, size_t n)
{
        const uint8_t *b = p;
        while (n) {
                ssize_t k = write(fd, b, n);
                if (k < 0) {
                        if (errno == EINTR)
                                continue;
                        return -errno;
                }
                b += k;
                n -= (size_t)k;
        }
        return 0;
}

int snap_writer_publish(struct snap_writer *w, const char *path, uint64_t generation,
                        uint32_t interval_s)
{
        int r = w->failed ? -ENOMEM : 0;
        size_t head = sizeof(struct snap_file_header) + w->n * sizeof(uint32_t);
        char tmp[4096];
        if (!r && snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
                r = -ENAMETOOLONG;
        if (!r) {
                for (size_t i = 0; i < w->n; i++)
                        w->offsets[i] += (uint32_t)head;
                struct snap_file_header h = {
                    .version = SNAP_FILE_VERSION,
                    .n_records = (uint32_t)w->n,
                    .file_size = head + w->len,
                    .generation = generation,
                    .published_at = (int64_t)time(NULL),
                    .publisher_pid = (int32_t)getpid(),
                    .interval_s = interval_s,
                };
                memcpy(h.magic, SNAP_FILE_MAGIC, 8);
                int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
                if (fd < 0) {
                        r = -errno;
                } else {
                        r = write_all(fd, &h, sizeof(h));
                        if (!r)
                                r = write_all(fd, w->offsets, w->n * sizeof(uint32_t));
                        if (!r)
                                r = write_all(fd, w->buf, w->len);
                        if (close(fd) < 0 && !r)
                                r = -errno;
                        if (!r && rename(tmp, path) < 0)
                                r = -errno;
                        if (r)
                                (void)unlink(tmp);
                }
        }
        free(w->buf);
        free(w->offsets);
        *w = (struct snap_writer){0};
        return r;
}
