#!/usr/bin/env python3
"""Builds user-agents.tsv from uap-core's test resources (Apache-2.0, see NOTICE).

Usage: build-corpus.py /path/to/uap-core   (a checkout; git show works on a bare mirror too:
       for f in regexes.yaml tests/*.yaml test_resources/*.yaml; do git show HEAD:$f > ...; done)

Each string is labelled by uap-core itself: its user_agent_parsers give the browser family, its
device_parsers give "Spider" for crawlers. uap-core family names are mapped onto L7Gate's families
(FAMILIES below, everything else is Other); a string is a bot when uap-core's device is Spider or its
family is a script/HTTP library (SCRIPTS) or carries a crawler word (BOT_WORDS). Output is
deterministic: same uap-core commit, same file.
"""
import re
import sys
import yaml

# uap-core family -> L7Gate family. Anything not listed is "Other".
FAMILIES = {
    'Chrome': 'Chrome', 'Chrome Mobile': 'Chrome', 'Chrome Mobile iOS': 'Chrome', 'Chromium': 'Chrome',
    'Edge': 'Edge', 'Edge Mobile': 'Edge',
    'Firefox': 'Firefox', 'Firefox Mobile': 'Firefox', 'Firefox iOS': 'Firefox', 'Firefox Beta': 'Firefox',
    'Firefox Alpha': 'Firefox',
    'Safari': 'Safari', 'Mobile Safari': 'Safari',
    'Opera': 'Opera', 'Opera Mobile': 'Opera', 'Opera Mini': 'Opera', 'Opera Tablet': 'Opera',
    'Opera Coast': 'Opera', 'Opera Neon': 'Opera', 'Opera GX': 'Opera', 'Opera Touch': 'Opera',
}

# uap-core families that are scripts and HTTP libraries, not people: L7Gate classes them as Bot.
SCRIPTS = re.compile(
    r'^(curl|libcurl-agent|PycURL|Wget|wget2|Python.*|python.*|okhttp|GuzzleHttp|Dart|Go-http-client|Go-CF-client'
    r'|go-cli|go-resty|Java|Java-.*|Apache-HttpClient|Google-HTTP-Java-Client|unirest-.*|scalaj-http|akka-http'
    r'|Vert\.x-WebClient|ReactorNetty|HTTPClient|HTTPie|http\.rb|libwww-perl|lua-resty-http|axios|node-fetch'
    r'|aws-sdk-.*|ibm-cos-sdk-.*|sap-leonardo-iot-sdk-.*|minio-go|Boto.*|HeadlessChrome|PhantomJS|Camoufox'
    r'|Debian APT-HTTP|Ubuntu APT-HTTP|urlgrabber|PostmanRuntime|reqwest|aihttp|Scrapy|fetchurl|got'
    r'|WhatsApp|Mediapartners-Google)$')

# Crawler words in a uap-core family name (families the device parser does not mark Spider).
BOT_WORDS = re.compile(r'bot|crawl|spider|slurp|scanner|monitor|scrap', re.I)

# A contact URL marks an automated fetcher (crawlers, feed and podcast fetchers, preview and monitoring
# services: "+http://example.com/bot.html"); browsers never send one. Counted as a bot unless uap-core
# names one of the five browser families (an Opera Mini build with a URL in its version stays Opera).
CONTACT_URL = re.compile(r'https?://', re.I)

# uap-core calls Android's stock browser and iOS web views "Safari"/"Mobile Safari" too; L7Gate's
# Safari is Apple's browser, so the family counts as Safari only on an Apple OS (or Safari for Windows).
SAFARI_OS = re.compile(r'^(iOS|Mac OS X|Mac OS|Windows.*|ATV OS X)$')

SOURCES = [
    # (file, label, sampled): test_device.yaml has 16k strings (the OS files 2k), mostly feature phones and Android stock
    # browsers, so only every n-th string of an expected label is kept from it (n from the source's dict, default 1).
    ('tests/test_ua.yaml', 'ua', {}),
    ('test_resources/firefox_user_agent_strings.yaml', 'firefox', {}),
    ('test_resources/opera_mini_user_agent_strings.yaml', 'opera_mini', {}),
    ('test_resources/podcasting_user_agent_strings.yaml', 'podcasting', {}),
    ('tests/test_device.yaml', 'device', {'Other': 8, 'Chrome': 3, 'Opera': 2}),
    ('tests/test_os.yaml', 'os', {'Other': 8, 'Chrome': 3, 'Opera': 2}),
    ('test_resources/additional_os_tests.yaml', 'additional_os', {'Other': 8, 'Chrome': 3, 'Opera': 2}),
    # 12.5k older desktop agents (IE, Firefox 1-3, Presto Opera, Safari 1-3, Konqueror, ...).
    ('test_resources/pgts_browser_list.yaml', 'pgts', {'Other': 12, 'Firefox': 8, 'Opera': 4, 'Bot': 2}),
]


def compile_parsers(entries, key):
    out = []
    for p in entries:
        out.append((re.compile(p['regex'], re.I if p.get('regex_flag') == 'i' else 0), p.get(key)))
    return out


def apply(parsers, s):
    for rx, repl in parsers:
        m = rx.search(s)
        if not m:
            continue
        if repl is None:
            return (m.group(1) if m.lastindex else None) or 'Other'

        def group(x, m=m):
            i = int(x.group(1))
            return (m.group(i) or '') if m.lastindex and i <= m.lastindex else ''
        return re.sub(r'\$(\d)', group, repl).strip() or 'Other'
    return 'Other'


def main(root):
    regexes = yaml.safe_load(open(f'{root}/regexes.yaml', encoding='utf-8'))
    ua_parsers = compile_parsers(regexes['user_agent_parsers'], 'family_replacement')
    device_parsers = compile_parsers(regexes['device_parsers'], 'device_replacement')
    os_parsers = compile_parsers(regexes['os_parsers'], 'os_replacement')
    seen = set()
    rows = []
    for path, label, sample in SOURCES:
        cases = yaml.safe_load(open(f'{root}/{path}', encoding='utf-8'))['test_cases']
        counts = {}
        for case in cases:
            s = (case.get('user_agent_string') or '').strip()
            if not s or s in seen or '\t' in s or '\n' in s or len(s) > 1024:
                continue
            seen.add(s)
            family = apply(ua_parsers, s)
            device = apply(device_parsers, s)
            mapped = FAMILIES.get(family, 'Other')
            if mapped == 'Safari' and not SAFARI_OS.match(apply(os_parsers, s)):
                mapped = 'Other'
            bot = (device == 'Spider' or bool(SCRIPTS.match(family)) or bool(BOT_WORDS.search(family))
                   or (mapped == 'Other' and bool(CONTACT_URL.search(s))))
            expected = 'Bot' if bot else mapped
            counts[expected] = counts.get(expected, 0) + 1
            if (counts[expected] - 1) % sample.get(expected, 1) != 0:
                continue
            rows.append((expected, label, family, s))
    out = sys.stdout
    out.write('# expected\tsource\tuap_family\tuser_agent  (generated by build-corpus.py; see README.md, NOTICE)\n')
    for row in rows:
        out.write('\t'.join(row) + '\n')


if __name__ == '__main__':
    main(sys.argv[1])
