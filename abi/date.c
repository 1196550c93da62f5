// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Dates and kernel versions as the ABI files write them. Neither field has a required
 * format, so each parser tries the forms found in real trees and accepts trailing
 * remarks ("May 2015 (scheduled)", "4.11 (pmem)") as long as they are separated from
 * the part it read: "2019abc" is not a year.
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include "abi-internal.h"

#define YEAR_MIN 1990
#define YEAR_MAX 2100

/* Enough digits for any year or version part; more is not a number we want. */
#define NUMBER_MAX_DIGITS 4

static const char *const month_names[] = {
	"january", "february", "march",     "april",   "may",      "june",
	"july",    "august",   "september", "october", "november", "december",
};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static const char *skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/* Whatever follows a date or version must not glue onto it. */
static bool at_boundary(const char *p)
{
	return !is_alpha(*p) && !is_digit(*p);
}

/* A run of 1..NUMBER_MAX_DIGITS digits; *ndigits tells a year from a day. */
static bool scan_number(const char **pp, int *value, int *ndigits)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (is_digit(*p)) {
		if (++n > NUMBER_MAX_DIGITS)
			return false;
		v = v * 10 + (*p++ - '0');
	}
	if (!n)
		return false;
	*value = v;
	if (ndigits)
		*ndigits = n;
	*pp = p;
	return true;
}

/*
 * An English month name in any case: the full name or any prefix of it of three
 * letters or more ("Sep", "Sept", "Febr"), optionally followed by a period.
 */
static bool scan_month(const char **pp, int *month)
{
	const char *p = *pp;
	size_t n = 0;

	while (is_alpha(p[n]))
		n++;
	if (n < 3)
		return false;
	for (size_t m = 0; m < ARRAY_SIZE(month_names); m++) {
		const char *name = month_names[m];
		size_t i;

		for (i = 0; i < n && name[i] && to_lower(p[i]) == name[i]; i++)
			;
		if (i != n)
			continue;
		p += n;
		if (*p == '.')
			p++;
		*month = (int)m + 1;
		*pp = p;
		return true;
	}
	return false;
}

static bool valid_year(int year, int ndigits)
{
	return ndigits == 4 && year >= YEAR_MIN && year <= YEAR_MAX;
}

static bool valid_day(int day)
{
	return day >= 1 && day <= 31;
}

/* Separators between the parts of a written date: spaces, commas, periods. */
static const char *skip_date_separators(const char *p)
{
	while (is_space(*p) || *p == ',' || *p == '.')
		p++;
	return p;
}

/* "February 2018", "Feb, 2020", "Sep. 2019", "May 13, 2014", "Nov 10 2015" */
static bool parse_month_first(const char *p, int *year, int *month)
{
	int a, b, na, nb;

	if (!scan_month(&p, month))
		return false;
	p = skip_date_separators(p);
	if (!scan_number(&p, &a, &na))
		return false;
	if (valid_year(a, na)) {
		*year = a;
		return at_boundary(p);
	}
	p = skip_date_separators(p);
	if (!valid_day(a) || !scan_number(&p, &b, &nb) || !valid_year(b, nb))
		return false;
	*year = b;
	return at_boundary(p);
}

/* "13-May-2014", "13-March-2014", "13 May 2014" */
static bool parse_day_first(const char *p, int *year, int *month)
{
	int day, nd;

	if (!scan_number(&p, &day, &nd) || !valid_day(day))
		return false;
	if (*p == '-')
		p++;
	else
		p = skip_spaces(p);
	if (!scan_month(&p, month))
		return false;
	if (*p == '-')
		p++;
	else
		p = skip_spaces(p);
	return scan_number(&p, year, &nd) && valid_year(*year, nd) && at_boundary(p);
}

/* "2018-02-01", "2018-02", "2018/02/01", "2019", and "12/2019" */
static bool parse_numeric(const char *p, int *year, int *month)
{
	int a, b, c, na, nb, nc;
	char sep;

	if (!scan_number(&p, &a, &na))
		return false;
	if (!valid_year(a, na)) {
		/* month/year */
		if (*p != '/' || a < 1 || a > 12)
			return false;
		p++;
		if (!scan_number(&p, &b, &nb) || !valid_year(b, nb))
			return false;
		*month = a;
		*year = b;
		return at_boundary(p);
	}
	*year = a;
	*month = 0;
	sep = *p;
	if (sep != '-' && sep != '/')
		return at_boundary(p);
	p++;
	if (!scan_number(&p, &b, &nb) || b < 1 || b > 12)
		return false;
	*month = b;
	if (*p == sep) {
		p++;
		if (!scan_number(&p, &c, &nc) || !valid_day(c))
			return false;
	}
	return at_boundary(p);
}

int abi_date_parse(const char *s, int *year, int *month)
{
	const char *p = skip_spaces(s);
	int y = 0, m = 0;

	if (parse_month_first(p, &y, &m) || parse_day_first(p, &y, &m) ||
	    parse_numeric(p, &y, &m)) {
		*year = y;
		*month = m;
		return 0;
	}
	*year = 0;
	*month = 0;
	return -EINVAL;
}

/*
 * Words before the number are skipped ("Linux 5.4", "since at least 2.6.12"); a word
 * is letters only, followed by white space.
 */
static const char *skip_words(const char *p)
{
	for (;;) {
		const char *q = p;

		while (is_alpha(*q))
			q++;
		if (q == p || !is_space(*q))
			return p;
		p = skip_spaces(q);
	}
}

int abi_kernel_version_parse(const char *s, int *major, int *minor)
{
	const char *p = skip_words(skip_spaces(s));
	int a, b;

	*major = -1;
	*minor = -1;
	if (*p == 'v' || *p == 'V')
		p++;
	if (!scan_number(&p, &a, NULL) || *p != '.')
		return -EINVAL;
	p++;
	if (!scan_number(&p, &b, NULL))
		return -EINVAL;
	/* further parts (2.6.39, 5.10.0) do not change major.minor */
	while (*p == '.' && is_digit(p[1])) {
		int part;

		p++;
		if (!scan_number(&p, &part, NULL))
			return -EINVAL;
	}
	if (!at_boundary(p) || a < 1)
		return -EINVAL;
	*major = a;
	*minor = b;
	return 0;
}
