/* The exec module's configuration (srvhealthd.conf(5)): UCD's exec/sh/execfix/extend lines and
 * our own scheduling, output and user tokens, as a pure line parser and the frozen object the
 * collector and the diff read. exec_config_validate() is the one impure step (stat, getpwnam). */
#ifndef SRVH_EXEC_CONFIG_H
#define SRVH_EXEC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/module.h"

#define EXEC_NAME_MAX         64 /* octets: also the MIB's OCTET STRING index limit */
#define EXEC_ARGS_MAX         32 /* words of one command, argv[0] included */
#define EXEC_CMD_MAX          1024
#define EXEC_USER_MAX         64
#define EXEC_CHECKS_MAX       256
#define EXEC_DEFAULT_INTERVAL 60u
#define EXEC_DEFAULT_TIMEOUT  10u
#define EXEC_DEFAULT_BYTES    65536u
#define EXEC_DEFAULT_LINES    100u
#define EXEC_DEFAULT_PARALLEL 4u
#define EXEC_PARALLEL_MAX     32u
#define EXEC_BYTES_MAX        (16u << 20)
#define EXEC_LINES_MAX        10000u
#define EXEC_SHELL            "/bin/sh"
#define EXEC_DEFAULT_FIX_GAP  60u /* execfixInterval: seconds between two errFix runs */

enum exec_kind {
        EXEC_KIND_EXEC = 1, /* exec / extend: argv as written, no shell */
        EXEC_KIND_SH,       /* sh: /bin/sh -c "PROG ARGS" */
};

/* One command. Plain data (no pointers), so it can be copied: the words sit one after the other
 * in words, at the offsets in off; exec_cmd_argv() makes the argv to run. */
struct exec_cmd {
        enum exec_kind kind;
        char words[EXEC_CMD_MAX];
        size_t off[EXEC_ARGS_MAX];
        size_t argc;
        char text[EXEC_CMD_MAX]; /* the command as configured, for srvhExtCommand */
        char path[EXEC_CMD_MAX]; /* the program whose path is checked (PROG, also for sh) */
};

/* The argv to run cmd with, into argv[n] (n >= EXEC_ARGS_MAX + 1), NULL-terminated and pointing
 * into cmd: PROG ARGS for exec, /bin/sh -c TEXT for sh. Returns the number of words. */
size_t exec_cmd_argv(const struct exec_cmd *cmd, const char **argv, size_t n);

/* One check, in config order. Owner: the exec_config that holds it. */
struct exec_check {
        char name[EXEC_NAME_MAX + 1];
        enum exec_kind kind;
        struct exec_cmd cmd;
        bool has_fix;
        struct exec_cmd fix; /* execfix: runs only through errFix */
        bool fix_enabled;    /* execfixEnable: a SET of errFix may run fix */
        unsigned interval_s; /* 0: the default */
        unsigned timeout_s;  /* 0: the default */
        unsigned fix_gap_s;  /* 0: the default */
};

struct exec_config {
        struct exec_check *checks;
        size_t n_checks;
        unsigned interval_s, timeout_s; /* execInterval / execTimeout SECONDS */
        unsigned fix_gap_s;             /* execfixInterval SECONDS */
        unsigned max_bytes, max_lines;  /* execOutputMax BYTES [LINES] */
        unsigned parallel;              /* execParallel N */
        char user[EXEC_USER_MAX];       /* execUser USER, "" when not given */
        /* Filled by exec_config_validate() for execUser (the collector resolves the default): */
        bool user_resolved;
        uid_t uid;
        gid_t gid;
        bool serve_ucd;  /* serveUcdExtTable yes|no */
        size_t last_fix; /* 1 + the check an execfix line named last, for validate */
};

extern const struct module_config_ops exec_config_ops;

/* The check called name, or NULL. */
const struct exec_check *exec_config_find(const struct exec_config *c, const char *name);
unsigned exec_check_interval(const struct exec_config *c, const struct exec_check *k);
unsigned exec_check_timeout(const struct exec_config *c, const struct exec_check *k);
/* Seconds that must pass between two errFix runs of k (execfixInterval). */
unsigned exec_check_fix_gap(const struct exec_config *c, const struct exec_check *k);

/* Whether a check's program may be run: core/path_check.h, unit-tested on files the test makes. */
#include "core/path_check.h"

#endif
