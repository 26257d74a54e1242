/* A net-snmp handler over a snapshot file (see snap_serve.h). */
#include "snap_serve.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static void problem(struct snap_source *src, const char *what)
{
        if (strcmp(src->last_problem, what) == 0)
                return;
        snprintf(src->last_problem, sizeof(src->last_problem), "%s", what);
        snmp_log(LOG_WARNING, "snapshot %s: %s%s\n", src->path, what,
                 src->have ? "; serving the last good file" : "; serving nothing");
}

/* Read or map the file open at fd into a checked view; 0 or -errno. */
static int load(struct snap_source *src, int fd, const struct stat *st)
{
        size_t size = (size_t)st->st_size;
        void *mem;
        if (size == 0)
                return -EINVAL;
        if (src->mapped) {
                mem = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
                if (mem == MAP_FAILED)
                        return -errno;
        } else {
                mem = malloc(size);
                if (!mem)
                        return -ENOMEM;
                size_t got = 0;
                while (got < size) {
                        ssize_t k = read(fd, (char *)mem + got, size - got);
                        if (k <= 0) {
                                free(mem);
                                return k < 0 ? -errno : -EINVAL;
                        }
                        got += (size_t)k;
                }
        }
        struct snap_view v;
        char why[200];
        if (snap_file_check(mem, size, &v, why, sizeof(why)) < 0) {
                if (src->mapped)
                        munmap(mem, size);
                else
                        free(mem);
                problem(src, why);
                return -EINVAL;
        }
        snap_source_close(src); /* the old one: no reader holds it between two requests */
        src->mem = mem;
        src->mem_size = size;
        src->view = v;
        src->have = true;
        src->dev = st->st_dev;
        src->ino = st->st_ino;
        src->last_problem[0] = '\0';
        return 0;
}

static void look(struct snap_source *src)
{
        struct stat st;
        if (stat(src->path, &st) < 0) {
                problem(src, strerror(errno));
                return;
        }
        if (src->have && st.st_dev == src->dev && st.st_ino == src->ino)
                return; /* the publisher renames a new file in: a new inode */
        int fd = open(src->path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
                problem(src, strerror(errno));
                return;
        }
        if (fstat(fd, &st) == 0)
                (void)load(src, fd, &st);
        close(fd);
}

int snap_source_open(struct snap_source *src, const char *path, bool mapped)
{
        memset(src, 0, sizeof(*src));
        src->path = path;
        src->mapped = mapped;
        look(src);
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
        src->checked = ts.tv_sec;
        return src->have ? 0 : -ENOENT;
}

const struct snap_view *snap_source_view(struct snap_source *src)
{
        if (src->mapped) {
                struct timespec ts;
                clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); /* vDSO: no system call */
                if (ts.tv_sec != src->checked) {
                        src->checked = ts.tv_sec;
                        look(src);
                }
        }
        return src->have ? &src->view : NULL;
}

void snap_source_close(struct snap_source *src)
{
        if (!src->mem)
                return;
        if (src->mapped)
                munmap(src->mem, src->mem_size);
        else
                free(src->mem);
        src->mem = NULL;
        src->have = false;
}

/* The record's value into the varbind. */
static void set_value(netsnmp_variable_list *var, const struct snap_entry *e)
{
        switch (e->type) {
        case SNAP_T_INTEGER: {
                int64_t i;
                memcpy(&i, e->value, sizeof(i));
                long l = (long)i;
                snmp_set_var_typed_value(var, ASN_INTEGER, &l, sizeof(l));
                break;
        }
        case SNAP_T_COUNTER64: {
                uint64_t u;
                memcpy(&u, e->value, sizeof(u));
                struct counter64 c = {.high = (u_long)(u >> 32), .low = (u_long)(u & 0xffffffffu)};
                snmp_set_var_typed_value(var, ASN_COUNTER64, &c, sizeof(c));
                break;
        }
        case SNAP_T_COUNTER32:
        case SNAP_T_GAUGE:
        case SNAP_T_TIMETICKS: {
                uint64_t u;
                memcpy(&u, e->value, sizeof(u));
                u_long l = (u_long)u;
                snmp_set_var_typed_value(var, (u_char)e->type, &l, sizeof(l));
                break;
        }
        case SNAP_T_OID: {
                oid o[SNAP_OID_MAX];
                size_t n = e->value_len / 4;
                const uint32_t *s = e->value;
                for (size_t i = 0; i < n && i < SNAP_OID_MAX; i++)
                        o[i] = s[i];
                snmp_set_var_typed_value(var, ASN_OBJECT_ID, o, n * sizeof(oid));
                break;
        }
        default:
                snmp_set_var_typed_value(var, ASN_OCTET_STR, e->value, e->value_len);
                break;
        }
}

struct reg {
        struct snap_source *src;
        oid root[SNAP_OID_MAX];
        size_t root_len;
};

static bool below_root(const struct reg *g, const struct snap_entry *e)
{
        if (e->oid_len < g->root_len)
                return false;
        for (size_t i = 0; i < g->root_len; i++)
                if (e->oid[i] != g->root[i])
                        return false;
        return true;
}

static int handle(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
                  netsnmp_agent_request_info *reqinfo, netsnmp_request_info *requests)
{
        (void)reg;
        const struct reg *g = h->myvoid;
        const struct snap_view *v = snap_source_view(g->src);
        for (netsnmp_request_info *req = requests; req; req = req->next) {
                if (req->processed)
                        continue;
                netsnmp_variable_list *var = req->requestvb;
                uint32_t name[SNAP_OID_MAX];
                size_t len = var->name_length < SNAP_OID_MAX ? var->name_length : SNAP_OID_MAX;
                for (size_t i = 0; i < len; i++)
                        name[i] = var->name[i] > UINT32_MAX ? UINT32_MAX : (uint32_t)var->name[i];
                struct snap_entry e;
                size_t pos;
                switch (reqinfo->mode) {
                case MODE_GET:
                        pos = v ? snap_find(v, name, len, false) : 0;
                        if (v && pos < v->hdr->n_records) {
                                snap_entry_at(v, pos, &e);
                                if (e.oid_len == len &&
                                    memcmp(e.oid, name, len * sizeof(uint32_t)) == 0) {
                                        set_value(var, &e);
                                        break;
                                }
                        }
                        netsnmp_set_request_error(reqinfo, req, SNMP_NOSUCHINSTANCE);
                        break;
                case MODE_GETNEXT:
                        if (!v)
                                break;
                        pos = snap_find(v, name, len, true);
                        if (pos >= v->hdr->n_records)
                                break; /* nothing after it here: the next registration answers */
                        snap_entry_at(v, pos, &e);
                        if (!below_root(g, &e))
                                break;
                        oid o[SNAP_OID_MAX];
                        for (size_t i = 0; i < e.oid_len; i++)
                                o[i] = e.oid[i];
                        snmp_set_var_objid(var, o, e.oid_len);
                        set_value(var, &e);
                        break;
                default:
                        netsnmp_set_request_error(reqinfo, req, SNMP_ERR_NOTWRITABLE);
                        break;
                }
        }
        return SNMP_ERR_NOERROR;
}

int snap_serve_register(const char *name, const oid *root, size_t root_len,
                        struct snap_source *src)
{
        struct reg *g = calloc(1, sizeof(*g));
        if (!g || root_len > SNAP_OID_MAX)
                return -ENOMEM;
        g->src = src;
        memcpy(g->root, root, root_len * sizeof(oid));
        g->root_len = root_len;
        netsnmp_mib_handler *h = netsnmp_create_handler(name, handle);
        if (!h)
                return -ENOMEM;
        h->myvoid = g;
        netsnmp_handler_registration *r =
            netsnmp_handler_registration_create(name, h, root, root_len, HANDLER_CAN_RONLY);
        if (!r)
                return -ENOMEM;
        return netsnmp_register_handler(r) == MIB_REGISTERED_OK ? 0 : -EEXIST;
}
