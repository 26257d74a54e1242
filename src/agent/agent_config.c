/* Config tokens through net-snmp's reader (see agent_config.h and srvhealthd.conf(5)). */
#include "agent/agent_config.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

#include "agent/config_guard.h"

#define APP_NAME "srvhealthd"

static struct srvh_config *target;
static unsigned problems;
static bool watching;

static void handle_line(const char *token, char *line)
{
        char err[CONFIG_ERR_MAX] = "";
        if (!target)
                return;
        if (config_parse_line(target, token, line, err, sizeof(err)) < 0) {
                config_perror(err); /* counted by count_log below */
                return;
        }
        /* The module's system checks of the line (command paths, users), here so that the
         * message still names the file and line. */
        for (size_t m = 0; m < srvh_n_modules && m < SRVH_MODULES_MAX; m++) {
                const struct module_config_ops *co = srvh_modules[m]->config;
                for (size_t t = 0; co && co->validate && t < co->n_tokens; t++) {
                        if (strcmp(token, co->tokens[t].name) != 0)
                                continue;
                        if (co->validate(module_conf_data(target->module[m]), token, err,
                                         sizeof(err)) < 0)
                                config_perror(err);
                        return;
                }
        }
}

void agent_config_register(void)
{
        size_t n = config_token_count();
        for (size_t i = 0; i < n; i++) {
                struct config_token t = config_token_at(i);
                register_app_config_handler(t.name, handle_line, NULL, t.usage);
        }
}

static int count_log(int major, int minor, void *serverarg, void *clientarg)
{
        (void)major, (void)minor, (void)clientarg;
        const struct snmp_log_message *m = serverarg;
        if (watching && m && m->priority <= LOG_WARNING)
                problems++;
        return 0;
}

int agent_config_begin(struct srvh_config *into)
{
        static bool registered;
        if (!registered) {
                snmp_register_callback(SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, count_log,
                                       NULL);
                snmp_enable_calllog();
                registered = true;
        }
        int r = config_init(into);
        if (r < 0)
                return r;
        target = into;
        problems = 0;
        watching = true;
        return 0;
}

unsigned agent_config_end(void)
{
        watching = false;
        target = NULL;
        return problems;
}

int agent_config_read(const char *file, struct srvh_config *into)
{
        int r = agent_config_begin(into);
        if (r < 0)
                return r;
        if (file)
                read_config_with_type(file, APP_NAME);
        return (int)agent_config_end();
}

static void guard_log(void *ctx, const char *line)
{
        (void)ctx;
        snmp_log(LOG_ERR, "%s\n", line);
}

unsigned agent_config_guard(const char *file, bool *ret_files_ok)
{
        struct guard_result r = {.files_ok = true};
        if (file && config_guard_check(file, guard_log, NULL, &r) < 0) {
                snmp_log(LOG_ERR, "%s: out of memory checking the configuration\n", file);
                r.problems++;
                r.files_ok = false;
        }
        if (ret_files_ok)
                *ret_files_ok = r.files_ok;
        return r.problems;
}
