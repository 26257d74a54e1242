/* Opens each configuration file safely, checks it and the directories that lead to it, scans it
 * with core/config_scan and follows its includeFile/includeDir lines as net-snmp 5.9.3 would
 * (see config_guard.h). Net-snmp opens the files again by name afterwards: that is safe because
 * every directory on the way was found writable by root (or us) alone. */
#include "agent/config_guard.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/config_scan.h"

#define SYMLINKS_MAX 40 /* as the kernel's own limit */
#define SEEN_DIRS    128
#define MSG_MAX      (2 * PATH_MAX)

struct file_id {
        dev_t dev;
        ino_t ino;
};

struct guard {
        guard_report_fn *report;
        void *ctx;
        struct guard_result *res;
        uid_t euid;
        struct file_id stack[GUARD_DEPTH_MAX + 2]; /* files being read, for loop detection */
        size_t depth;
        struct {
                struct file_id id;
                bool ok;
        } seen[SEEN_DIRS]; /* directories already checked: each is reported once */
        size_t n_seen;
};

static void say(struct guard *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct guard *g, const char *fmt, ...)
{
        char msg[MSG_MAX];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        g->res->problems++;
        g->report(g->ctx, msg);
}

static const char *user_name(uid_t uid, char *buf, size_t bufsz)
{
        struct passwd *pw = getpwuid(uid);
        if (pw)
                snprintf(buf, bufsz, "uid %u (%s)", (unsigned)uid, pw->pw_name);
        else
                snprintf(buf, bufsz, "uid %u", (unsigned)uid);
        return buf;
}

static bool owner_ok(const struct guard *g, uid_t uid)
{
        return uid == 0 || (g->euid != 0 && uid == g->euid);
}

static const char *owners_allowed(const struct guard *g, char *buf, size_t bufsz)
{
        char u[64];
        if (g->euid == 0)
                return "root";
        snprintf(buf, bufsz, "root or %s (the user srvhealthd runs as)",
                 user_name(g->euid, u, sizeof(u)));
        return buf;
}

static const char *kind_of(mode_t m)
{
        if (S_ISDIR(m))
                return "directory";
        if (S_ISFIFO(m))
                return "FIFO";
        if (S_ISSOCK(m))
                return "socket";
        if (S_ISCHR(m))
                return "character device";
        if (S_ISBLK(m))
                return "block device";
        if (S_ISLNK(m))
                return "symbolic link";
        return "special file";
}

/* Owner and mode of one object on the way to (or of) a configuration file. */
static bool owner_mode_ok(struct guard *g, const char *where, const char *what, const char *path,
                          const struct stat *st)
{
        char u[64], a[128];
        bool ok = true;
        if (!owner_ok(g, st->st_uid)) {
                say(g,
                    "%s: %s %s is owned by %s, not %s: its owner could change what srvhealthd "
                    "reads; chown root %s",
                    where, what, path, user_name(st->st_uid, u, sizeof(u)),
                    owners_allowed(g, a, sizeof(a)), path);
                ok = false;
        }
        if (S_ISDIR(st->st_mode) && (st->st_mode & S_IWOTH) && (st->st_mode & S_ISVTX)) {
                say(g,
                    "%s: directory %s is world-writable with the sticky bit (mode %04o, like "
                    "/tmp): anyone can create files there, so a configuration must not live "
                    "below it; move it to a directory only root can write, such as /etc/snmp",
                    where, path, (unsigned)(st->st_mode & 07777));
                ok = false;
        } else if (st->st_mode & (S_IWGRP | S_IWOTH)) {
                say(g,
                    "%s: %s %s is %s-writable (mode %04o): %s could change what srvhealthd "
                    "reads; chmod go-w %s",
                    where, what, path, (st->st_mode & S_IWOTH) ? "world" : "group",
                    (unsigned)(st->st_mode & 07777),
                    (st->st_mode & S_IWOTH) ? "any user" : "every member of its group", path);
                ok = false;
        }
        return ok;
}

static bool dir_ok(struct guard *g, const char *where, const char *path, const struct stat *st)
{
        for (size_t i = 0; i < g->n_seen; i++)
                if (g->seen[i].id.dev == st->st_dev && g->seen[i].id.ino == st->st_ino)
                        return g->seen[i].ok;
        bool ok = owner_mode_ok(g, where, "directory", path, st);
        if (g->n_seen < SEEN_DIRS) {
                g->seen[g->n_seen].id = (struct file_id){st->st_dev, st->st_ino};
                g->seen[g->n_seen++].ok = ok;
        }
        return ok;
}

/* Check every directory a lookup of path goes through, following symbolic links as the kernel
 * does; with final_is_dir the object path names is checked as a directory too. A missing last
 * component is left for the caller to report. */
static bool lookup_dirs_ok(struct guard *g, const char *where, const char *path, bool final_is_dir)
{
        char cur[PATH_MAX] = ""; /* resolved so far; "" is the root */
        char todo[PATH_MAX], next[PATH_MAX], link[PATH_MAX];
        unsigned links = 0;
        struct stat st;
        bool ok = true;

        if (path[0] != '/') {
                say(g, "%s: %s is not an absolute path", where, path);
                return false;
        }
        if (stat("/", &st) == 0)
                ok = dir_ok(g, where, "/", &st) && ok;
        snprintf(todo, sizeof(todo), "%s", path);
        const char *p = todo;
        for (;;) {
                while (*p == '/')
                        p++;
                if (!*p)
                        return ok;
                size_t len = strcspn(p, "/");
                const char *rest = p + len;
                while (*rest == '/')
                        rest++;
                bool last = *rest == '\0';
                if (len == 1 && p[0] == '.') {
                        p += len;
                        continue;
                }
                if (len == 2 && p[0] == '.' && p[1] == '.') {
                        char *slash = strrchr(cur, '/');
                        if (slash)
                                *slash = '\0';
                        p += len;
                        continue;
                }
                char cand[PATH_MAX];
                if ((size_t)snprintf(cand, sizeof(cand), "%s/%.*s", cur, (int)len, p) >=
                    sizeof(cand)) {
                        say(g, "%s: %s: path too long", where, path);
                        return false;
                }
                if (lstat(cand, &st) < 0) {
                        if (last)
                                return ok; /* the caller says it is missing */
                        say(g, "%s: cannot look up %s: %s", where, cand, strerror(errno));
                        return false;
                }
                if (S_ISLNK(st.st_mode)) {
                        ssize_t n = readlink(cand, link, sizeof(link) - 1);
                        if (n < 0 || ++links > SYMLINKS_MAX) {
                                say(g, "%s: cannot follow the symbolic link %s: %s", where, cand,
                                    n < 0 ? strerror(errno) : "too many levels of links");
                                return false;
                        }
                        link[n] = '\0';
                        if ((size_t)snprintf(next, sizeof(next), "%s%s%s", link, *rest ? "/" : "",
                                             rest) >= sizeof(next)) {
                                say(g, "%s: %s: path too long", where, path);
                                return false;
                        }
                        if (link[0] == '/')
                                cur[0] = '\0';
                        memcpy(todo, next, sizeof(todo));
                        p = todo;
                        continue;
                }
                if (last && !final_is_dir)
                        return ok;
                if (!S_ISDIR(st.st_mode)) {
                        say(g, "%s: %s is a %s, not a directory", where, cand, kind_of(st.st_mode));
                        return false;
                }
                ok = dir_ok(g, where, cand, &st) && ok;
                memcpy(cur, cand, sizeof(cur));
                p += len;
        }
}

static void check_file(struct guard *g, const char *where, const char *path, size_t depth);

static void check_includes(struct guard *g, const char *path, const struct cscan_result *r,
                           size_t depth);

/* Read the whole of an open regular file (at most GUARD_FILE_MAX bytes). */
static char *read_all(int fd, size_t *ret_n)
{
        size_t cap = 4096, n = 0;
        char *buf = malloc(cap);
        if (!buf)
                return NULL;
        for (;;) {
                if (n == cap) {
                        if (cap > GUARD_FILE_MAX)
                                break;
                        char *b = realloc(buf, cap * 2);
                        if (!b) {
                                free(buf);
                                return NULL;
                        }
                        buf = b;
                        cap *= 2;
                }
                ssize_t k = read(fd, buf + n, cap - n);
                if (k < 0 && errno == EINTR)
                        continue;
                if (k <= 0)
                        break;
                n += (size_t)k;
        }
        *ret_n = n;
        return buf;
}

static void check_file(struct guard *g, const char *where, const char *path, size_t depth)
{
        struct stat st, fst;

        if (depth > GUARD_DEPTH_MAX) {
                say(g, "%s: includes nested more than %d deep; flatten them", where,
                    GUARD_DEPTH_MAX);
                g->res->files_ok = false;
                return;
        }
        if (g->res->files >= GUARD_FILES_MAX) {
                say(g, "%s: more than %d configuration files; not reading more", where,
                    GUARD_FILES_MAX);
                g->res->files_ok = false;
                return;
        }
        g->res->files++;
        if (!lookup_dirs_ok(g, where, path, false))
                g->res->files_ok = false;
        /* stat first: a device or FIFO is refused without being opened at all */
        if (stat(path, &st) < 0) {
                say(g, "%s: cannot read %s: %s", where, path, strerror(errno));
                g->res->files_ok = false;
                return;
        }
        if (!S_ISREG(st.st_mode)) {
                say(g,
                    "%s: %s is a %s, not a regular file: srvhealthd reads configuration from "
                    "regular files only",
                    where, path, kind_of(st.st_mode));
                g->res->files_ok = false;
                return;
        }
        int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
                say(g, "%s: cannot open %s: %s", where, path, strerror(errno));
                g->res->files_ok = false;
                return;
        }
        if (fstat(fd, &fst) < 0 || !S_ISREG(fst.st_mode) || fst.st_dev != st.st_dev ||
            fst.st_ino != st.st_ino) {
                say(g, "%s: %s changed while it was being checked; try again", where, path);
                g->res->files_ok = false;
                close(fd);
                return;
        }
        if (!owner_mode_ok(g, where, "file", path, &fst))
                g->res->files_ok = false;
        for (size_t i = 0; i < g->depth; i++) {
                if (g->stack[i].dev == fst.st_dev && g->stack[i].ino == fst.st_ino) {
                        say(g, "%s: %s is already being read: the includes form a loop", where,
                            path);
                        g->res->files_ok = false;
                        close(fd);
                        return;
                }
        }
        if (fst.st_size > GUARD_FILE_MAX) {
                say(g, "%s: %s is %lld bytes, more than a configuration file needs (%d)", where,
                    path, (long long)fst.st_size, GUARD_FILE_MAX);
                g->res->files_ok = false;
                close(fd);
                return;
        }
        size_t n = 0;
        char *text = read_all(fd, &n);
        close(fd);
        struct cscan_result *r = calloc(1, sizeof(*r));
        if (!text || !r || config_scan(text, n, r) < 0) {
                free(text);
                free(r);
                say(g, "%s: out of memory checking %s", where, path);
                g->res->files_ok = false;
                return;
        }
        free(text);
        for (size_t i = 0; i < r->n_problems; i++)
                say(g, "%s:%u: %s", path, r->problem[i].line, r->problem[i].text);
        if (r->problems_dropped) {
                g->res->problems += (unsigned)r->problems_dropped - 1;
                say(g, "%s: %zu more problems not shown", path, r->problems_dropped);
        }
        g->stack[g->depth++] = (struct file_id){fst.st_dev, fst.st_ino};
        check_includes(g, path, r, depth);
        g->depth--;
        free(r);
}

static int cmp_names(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* includeDir: every entry net-snmp would read (a name not starting with '.', longer than five
 * bytes, ending in ".conf"), checked in name order; net-snmp reads them in readdir() order. */
static void check_dir(struct guard *g, const char *where, const char *dir, size_t depth)
{
        struct stat st;
        if (!lookup_dirs_ok(g, where, dir, true))
                g->res->files_ok = false;
        int err = stat(dir, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? 0 : ENOTDIR;
        if (err) {
                say(g, "%s: cannot open directory %s: %s", where, dir, strerror(err));
                g->res->files_ok = false;
                return;
        }
        DIR *d = opendir(dir);
        if (!d) {
                say(g, "%s: cannot open directory %s: %s", where, dir, strerror(errno));
                g->res->files_ok = false;
                return;
        }
        char **names = NULL;
        size_t n = 0, cap = 0;
        bool oom = false;
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
                size_t len = strlen(e->d_name);
                if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".conf") != 0)
                        continue;
                if (n == cap) {
                        size_t c = cap ? cap * 2 : 16;
                        char **nn = realloc(names, c * sizeof(*nn));
                        if (!nn) {
                                oom = true;
                                break;
                        }
                        names = nn;
                        cap = c;
                }
                if (!(names[n] = strdup(e->d_name))) {
                        oom = true;
                        break;
                }
                n++;
        }
        closedir(d);
        if (oom) {
                say(g, "%s: out of memory listing %s", where, dir);
                g->res->files_ok = false;
        }
        if (n)
                qsort(names, n, sizeof(*names), cmp_names);
        for (size_t i = 0; i < n; i++) {
                char path[PATH_MAX];
                if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= sizeof(path)) {
                        say(g, "%s: %s/%s: path too long", where, dir, names[i]);
                        g->res->files_ok = false;
                } else {
                        check_file(g, where, path, depth);
                }
                free(names[i]);
        }
        free(names);
}

static void check_includes(struct guard *g, const char *path, const struct cscan_result *r,
                           size_t depth)
{
        for (size_t i = 0; i < r->n_includes; i++) {
                const struct cscan_include *inc = &r->include[i];
                char where[MSG_MAX], target[PATH_MAX];
                bool dir = inc->kind == CSCAN_INCLUDE_DIR;
                int k;

                snprintf(where, sizeof(where), "%s:%u: %s %s", path, inc->line,
                         dir ? "includeDir" : "includeFile", inc->path);
                if (inc->path[0] == '/') {
                        k = snprintf(target, sizeof(target), "%s", inc->path);
                } else {
                        /* net-snmp: relative to the directory of the including file */
                        const char *slash = strrchr(path, '/');
                        int dlen = slash ? (int)(slash - path) : 0;
                        k = snprintf(target, sizeof(target), "%.*s/%s", dlen, path, inc->path);
                }
                if (k < 0 || (size_t)k >= sizeof(target)) {
                        say(g, "%s: path too long", where);
                        g->res->files_ok = false;
                        continue;
                }
                if (dir)
                        check_dir(g, where, target, depth + 1);
                else
                        check_file(g, where, target, depth + 1);
        }
}

int config_guard_check(const char *file, guard_report_fn *report, void *ctx,
                       struct guard_result *ret)
{
        struct guard *g = calloc(1, sizeof(*g));
        if (!g)
                return -ENOMEM;
        *ret = (struct guard_result){.files_ok = true};
        g->report = report;
        g->ctx = ctx;
        g->res = ret;
        g->euid = geteuid();
        check_file(g, file, file, 0);
        free(g);
        return 0;
}

int config_guard_pidfile(int fd, const char *path, char *why, size_t whysz)
{
        struct stat st;
        char u[64];
        if (fstat(fd, &st) < 0) {
                snprintf(why, whysz, "cannot check pid file %s: %s", path, strerror(errno));
                return -EPERM;
        }
        if (!S_ISREG(st.st_mode)) {
                snprintf(why, whysz,
                         "pid file %s is a %s, not a regular file; remove it or give another -p "
                         "FILE",
                         path, kind_of(st.st_mode));
                return -EPERM;
        }
        if (st.st_uid != geteuid()) {
                snprintf(why, whysz,
                         "pid file %s is owned by %s, not by the user srvhealthd runs as (uid "
                         "%u): someone else made it; remove it or give another -p FILE",
                         path, user_name(st.st_uid, u, sizeof(u)), (unsigned)geteuid());
                return -EPERM;
        }
        if (st.st_nlink != 1) {
                snprintf(why, whysz,
                         "pid file %s has %lu links: it is a hard link to another file, which "
                         "writing the pid would overwrite; remove it (rm %s) or give another -p "
                         "FILE",
                         path, (unsigned long)st.st_nlink, path);
                return -EPERM;
        }
        return 0;
}
