/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Functions too easy to misuse, made a compile error (as git's banned.h): each use
 * becomes an undeclared sorry_NAME_is_a_banned_function. The Makefile includes this
 * before every source file, so no file can forget it.
 *
 * Instead: snprintf() or a GString (glib) for strcpy(), strcat(), strncpy(), strncat(),
 * sprintf() and vsprintf(), which write past their buffer or leave it unterminated;
 * strcspn() and strspn(), or g_strsplit(), for strtok() and strtok_r(), which write into
 * their string and strtok() keeps state between calls; gmtime_r(), localtime_r() and
 * strftime() for gmtime(), localtime(), ctime() and asctime(), whose static result
 * another thread may overwrite (the sysfs is read in a thread of its own), and for
 * ctime_r() and asctime_r(), which fill a buffer whose size they are never told;
 * fgets() or getline() for gets(), which has no bound at all.
 */
#ifndef SYSABI_BANNED_H
#define SYSABI_BANNED_H

/*
 * The headers declaring them come first, so that their declarations are read before
 * the names are taken; a file including them again later gets nothing new.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#define BANNED(func) sorry_##func##_is_a_banned_function

#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) BANNED(strncpy)
#undef strncat
#define strncat(x, y, n) BANNED(strncat)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef strtok_r
#define strtok_r(x, y, z) BANNED(strtok_r)

#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef gets
#define gets(x) BANNED(gets)

#undef gmtime
#define gmtime(t) BANNED(gmtime)
#undef localtime
#define localtime(t) BANNED(localtime)
#undef ctime
#define ctime(t) BANNED(ctime)
#undef ctime_r
#define ctime_r(t, buf) BANNED(ctime_r)
#undef asctime
#define asctime(t) BANNED(asctime)
#undef asctime_r
#define asctime_r(t, buf) BANNED(asctime_r)

#endif
