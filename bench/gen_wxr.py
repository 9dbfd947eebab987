#!/usr/bin/env python3
"""Writes a synthetic WordPress export (WXR 1.2, as WordPress 6 writes it) of
N posts, to time `rotative import wordpress` on a large archive:

    python3 bench/gen_wxr.py 5000 /tmp/export-5000.xml
    time rotative import wordpress /tmp/export-5000.xml --into /tmp/site-5000

Each post has two categories, three tags, one of five authors, a featured
image (an attachment item), a [caption] shortcode and six paragraphs of
classic-editor text. The output is not committed."""

import random
import sys

WORDS = ("le conseil municipal a voté mardi soir une enveloppe pour la rénovation "
         "des écoles du quartier nord tandis que les associations demandent plus de "
         "moyens pour la culture et le sport sur le plateau").split()
CATEGORIES = ["Vie locale", "Politique", "Économie", "Culture", "Sport", "Agriculture"]
TAGS = [f"sujet-{i}" for i in range(200)]
AUTHORS = ["claire", "jules", "ines", "paul", "sarah"]


def cdata(s):
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def main():
    n = int(sys.argv[1])
    out = open(sys.argv[2], "w", encoding="utf-8")
    rng = random.Random(42)
    w = out.write
    w('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
      'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
      'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
      'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
      '<title>Banc d\'essai</title>\n<link>https://banc.example</link>\n'
      '<description>Archive synthétique</description>\n<language>fr-FR</language>\n'
      '<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>https://banc.example</wp:base_site_url>\n'
      '<wp:base_blog_url>https://banc.example</wp:base_blog_url>\n')
    for i, a in enumerate(AUTHORS, 1):
        w(f"<wp:author><wp:author_id>{i}</wp:author_id><wp:author_login>{cdata(a)}</wp:author_login>"
          f"<wp:author_display_name>{cdata(a.capitalize())}</wp:author_display_name></wp:author>\n")
    for i in range(n):
        pid, aid = 2 * i + 10, 2 * i + 11
        day = f"20{10 + i % 15:02d}-{1 + i % 12:02d}-{1 + i % 28:02d}"
        slug = f"article-{i}"
        img = f"https://banc.example/wp-content/uploads/{day[:4]}/{day[5:7]}/photo-{i}.jpg"
        paras = "\n\n".join(sentence(rng, 40) for _ in range(6))
        body = (f"{paras}\n\n[caption id=\"attachment_{aid}\" width=\"640\"]<img src=\"{img}\" "
                f"alt=\"Photo {i}\" width=\"640\" height=\"400\" /> {sentence(rng, 8)}[/caption]\n\n"
                + sentence(rng, 30))
        cats = rng.sample(CATEGORIES, 2)
        terms = "".join(f'<category domain="category" nicename="c{j}">{cdata(c)}</category>\n'
                        for j, c in enumerate(cats))
        terms += "".join(f'<category domain="post_tag" nicename="{t}">{cdata(t)}</category>\n'
                         for t in rng.sample(TAGS, 3))
        w(f"<item>\n<title>{cdata('Article numéro ' + str(i))}</title>\n"
          f"<link>https://banc.example/{day[:4]}/{day[5:7]}/{slug}/</link>\n"
          f"<dc:creator>{cdata(AUTHORS[i % 5])}</dc:creator>\n"
          f"<content:encoded>{cdata(body)}</content:encoded>\n"
          f"<excerpt:encoded>{cdata(sentence(rng, 15))}</excerpt:encoded>\n"
          f"<wp:post_id>{pid}</wp:post_id>\n<wp:post_date>{cdata(day + ' 08:00:00')}</wp:post_date>\n"
          f"<wp:post_date_gmt>{cdata(day + ' 07:00:00')}</wp:post_date_gmt>\n"
          f"<wp:post_name>{cdata(slug)}</wp:post_name>\n<wp:status>{cdata('publish')}</wp:status>\n"
          f"<wp:post_parent>0</wp:post_parent>\n<wp:post_type>{cdata('post')}</wp:post_type>\n{terms}"
          f"<wp:postmeta><wp:meta_key>{cdata('_thumbnail_id')}</wp:meta_key>"
          f"<wp:meta_value>{cdata(str(aid))}</wp:meta_value></wp:postmeta>\n</item>\n")
        w(f"<item>\n<title>{cdata('Photo ' + str(i))}</title>\n<wp:post_id>{aid}</wp:post_id>\n"
          f"<wp:post_date>{cdata(day + ' 07:00:00')}</wp:post_date>\n"
          f"<excerpt:encoded>{cdata(sentence(rng, 8))}</excerpt:encoded>\n"
          f"<wp:status>{cdata('inherit')}</wp:status>\n<wp:post_parent>{pid}</wp:post_parent>\n"
          f"<wp:post_type>{cdata('attachment')}</wp:post_type>\n"
          f"<wp:attachment_url>{cdata(img)}</wp:attachment_url>\n"
          f"<wp:postmeta><wp:meta_key>{cdata('_wp_attachment_image_alt')}</wp:meta_key>"
          f"<wp:meta_value>{cdata('Photo ' + str(i))}</wp:meta_value></wp:postmeta>\n</item>\n")
    w("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
