/* Fuzz harness aid for fuzz_smart_blob: remembers compiled regular expressions.
 *
 * libatasmart looks a disk's model and firmware up in its quirk table on every parse, and it
 * compiles each quirk's pattern with regcomp(3) and frees it again each time. Under AddressSanitizer
 * those hundreds of small allocations per input cost about 95 % of the run (about 40 inputs a
 * second), so a 10-million-input run would take days. This file interposes regcomp and regfree for
 * the fuzz binary only: a pattern is compiled once, later calls get the same compiled form, and
 * regfree leaves remembered forms alone. The quirk lookup still runs, with the same results; only
 * the repeated compilation goes. Nothing here is linked into srvhealthd. */
#include <dlfcn.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_MAX 512

struct memo {
        char *pattern;
        int cflags;
        regex_t re;
};

static struct memo memo[MEMO_MAX];
static size_t n_memo;

typedef int (*regcomp_fn)(regex_t *, const char *, int);
typedef void (*regfree_fn)(regex_t *);

static regcomp_fn real_regcomp(void)
{
        static regcomp_fn fn;
        if (!fn)
                fn = (regcomp_fn)dlsym(RTLD_NEXT, "regcomp");
        return fn;
}

static regfree_fn real_regfree(void)
{
        static regfree_fn fn;
        if (!fn)
                fn = (regfree_fn)dlsym(RTLD_NEXT, "regfree");
        return fn;
}

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags)
{
        for (size_t i = 0; i < n_memo; i++) {
                if (memo[i].cflags == cflags && strcmp(memo[i].pattern, pattern) == 0) {
                        *preg = memo[i].re;
                        return 0;
                }
        }
        int rc = real_regcomp()(preg, pattern, cflags);
        if (rc != 0 || n_memo == MEMO_MAX)
                return rc; /* not remembered: the caller frees it as usual */
        char *copy = strdup(pattern);
        if (!copy)
                return rc;
        memo[n_memo++] = (struct memo){.pattern = copy, .cflags = cflags, .re = *preg};
        return 0;
}

void regfree(regex_t *preg)
{
        for (size_t i = 0; i < n_memo; i++)
                if (memo[i].re.buffer == preg->buffer)
                        return; /* remembered: kept for the next input */
        real_regfree()(preg);
}
