#!/usr/bin/env python3
"""Draws the web sample's small gallery (sample-images/): twelve 640x480 JPEG scenes (Pillow; Debian's python3-pil).

The images are committed, so the sample never runs Python; run this script again only to change them:
    /usr/bin/python3 samples/JinaClip.WebApi/make_gallery.py
"""
import math
import os
import random

from PIL import Image, ImageDraw

W, H = 640, 480
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample-images")


def sky(top, bottom, ground=None, horizon=330):
    img = Image.new("RGB", (W, H))
    d = ImageDraw.Draw(img)
    for y in range(H):
        t = y / H
        d.line([(0, y), (W, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    if ground:
        d.rectangle([0, horizon, W, H], fill=ground)
    return img, d


def wheel(d, cx, cy, r, colour):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=8)
    for a in range(0, 360, 30):
        d.line([(cx, cy), (cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a)))], fill=(90, 90, 90), width=2)


def red_bicycle():
    img, d = sky((150, 200, 255), (220, 235, 255), (120, 120, 120), 360)
    wheel(d, 200, 330, 80, (30, 30, 30))
    wheel(d, 440, 330, 80, (30, 30, 30))
    red = (210, 20, 30)
    for a, b in [((200, 330), (300, 330)), ((300, 330), (260, 210)), ((260, 210), (200, 330)), ((260, 210), (400, 210)),
                 ((400, 210), (300, 330)), ((400, 210), (440, 330)), ((390, 180), (410, 230))]:
        d.line([a, b], fill=red, width=14)
    d.rectangle([235, 190, 290, 205], fill=(20, 20, 20))
    d.line([(380, 175), (420, 175)], fill=(20, 20, 20), width=10)
    return img


def blue_car():
    img, d = sky((120, 180, 240), (200, 225, 250), (70, 70, 75), 350)
    d.rounded_rectangle([110, 250, 530, 360], 30, fill=(20, 60, 200))
    d.polygon([(190, 250), (250, 170), (410, 170), (470, 250)], fill=(30, 80, 220))
    d.polygon([(215, 245), (260, 185), (325, 185), (325, 245)], fill=(200, 230, 255))
    d.polygon([(340, 245), (340, 185), (400, 185), (445, 245)], fill=(200, 230, 255))
    for cx in (200, 440):
        d.ellipse([cx - 45, 315, cx + 45, 405], fill=(20, 20, 20))
        d.ellipse([cx - 20, 340, cx + 20, 380], fill=(180, 180, 180))
    return img


def sunflowers():
    img, d = sky((90, 160, 240), (180, 215, 250), (60, 140, 50), 300)
    for cx, cy, r in [(160, 220, 70), (330, 180, 90), (500, 240, 65)]:
        d.line([(cx, cy), (cx, H)], fill=(40, 120, 30), width=12)
        for a in range(0, 360, 20):
            px, py = cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a))
            d.ellipse([px - r * 0.35, py - r * 0.35, px + r * 0.35, py + r * 0.35], fill=(250, 210, 20))
        d.ellipse([cx - r * 0.6, cy - r * 0.6, cx + r * 0.6, cy + r * 0.6], fill=(100, 60, 20))
    return img


def forest():
    img, d = sky((170, 210, 240), (220, 240, 250), (50, 100, 40), 360)
    rng = random.Random(3)
    for _ in range(14):
        x, h = rng.randint(0, W), rng.randint(160, 300)
        d.rectangle([x - 8, 360 - 30, x + 8, 380], fill=(90, 60, 30))
        d.polygon([(x, 360 - h), (x - h // 3, 340), (x + h // 3, 340)], fill=(20, rng.randint(90, 140), 40))
    return img


def orange_cat():
    img, d = sky((240, 230, 210), (220, 200, 170), (160, 110, 70), 380)
    d.ellipse([190, 220, 450, 400], fill=(235, 130, 30))
    d.ellipse([250, 110, 390, 250], fill=(240, 140, 40))
    d.polygon([(262, 150), (270, 80), (310, 125)], fill=(240, 140, 40))
    d.polygon([(378, 150), (370, 80), (330, 125)], fill=(240, 140, 40))
    for ex in (290, 350):
        d.ellipse([ex - 12, 160, ex + 12, 190], fill=(60, 160, 60))
        d.ellipse([ex - 4, 165, ex + 4, 185], fill=(0, 0, 0))
    d.polygon([(312, 205), (328, 205), (320, 215)], fill=(230, 110, 120))
    d.arc([420, 250, 540, 400], 200, 340, fill=(235, 130, 30), width=22)
    return img


def sailing_boat():
    img, d = sky((100, 170, 240), (190, 220, 250), (30, 90, 170), 320)
    for y in range(330, H, 18):
        d.arc([0, y, W, y + 30], 0, 180, fill=(80, 140, 210), width=2)
    d.polygon([(200, 330), (460, 330), (420, 380), (240, 380)], fill=(120, 60, 30))
    d.line([(330, 330), (330, 110)], fill=(60, 40, 20), width=8)
    d.polygon([(335, 120), (335, 320), (450, 320)], fill=(250, 250, 245))
    d.polygon([(325, 140), (325, 320), (230, 320)], fill=(240, 240, 230))
    return img


def mountain_lake():
    img, d = sky((130, 180, 230), (210, 230, 245))
    d.polygon([(0, 330), (180, 90), (330, 330)], fill=(110, 110, 130))
    d.polygon([(180, 90), (140, 150), (220, 150)], fill=(250, 250, 250))
    d.polygon([(220, 330), (430, 60), (640, 330)], fill=(90, 95, 120))
    d.polygon([(430, 60), (385, 120), (475, 120)], fill=(250, 250, 250))
    d.rectangle([0, 330, W, H], fill=(50, 110, 160))
    d.polygon([(0, 330), (180, 470), (330, 330)], fill=(80, 120, 160))
    return img


def city_night():
    img, d = sky((10, 10, 40), (40, 30, 80))
    rng = random.Random(7)
    for _ in range(60):
        x, y = rng.randint(0, W), rng.randint(0, 200)
        d.point((x, y), fill=(255, 255, 220))
    x = 0
    while x < W:
        w, h = rng.randint(50, 100), rng.randint(150, 380)
        d.rectangle([x, H - h, x + w, H], fill=(25, 25, 35))
        for wy in range(H - h + 15, H - 10, 25):
            for wx in range(x + 8, x + w - 12, 18):
                if rng.random() < 0.55:
                    d.rectangle([wx, wy, wx + 9, wy + 12], fill=(250, 220, 120))
        x += w + 6
    d.ellipse([520, 40, 580, 100], fill=(245, 245, 220))
    return img


def beach_sunset():
    img, d = sky((250, 120, 60), (255, 200, 120))
    d.ellipse([260, 200, 380, 320], fill=(255, 230, 120))
    d.rectangle([0, 280, W, 380], fill=(60, 80, 140))
    d.rectangle([0, 380, W, H], fill=(235, 200, 140))
    d.line([(80, 380), (110, 220)], fill=(90, 60, 30), width=12)
    for a in (200, 240, 290, 330, 20):
        d.line([(110, 220), (110 + 90 * math.cos(math.radians(a)), 220 + 50 * math.sin(math.radians(a)))], fill=(30, 90, 30), width=10)
    return img


def snowman():
    img, d = sky((180, 200, 230), (230, 235, 245), (250, 250, 252), 360)
    for cy, r in [(350, 95), (215, 70), (115, 50)]:
        d.ellipse([320 - r, cy - r, 320 + r, cy + r], fill=(255, 255, 255), outline=(200, 205, 215), width=3)
    d.polygon([(320, 115), (320, 130), (380, 125)], fill=(250, 120, 20))
    for ex in (302, 338):
        d.ellipse([ex - 6, 95, ex + 6, 107], fill=(10, 10, 10))
    d.rectangle([270, 40, 370, 70], fill=(20, 20, 20))
    d.rectangle([290, 0, 350, 45], fill=(20, 20, 20))
    d.rectangle([260, 160, 380, 175], fill=(200, 30, 40))
    return img


def hot_air_balloon():
    img, d = sky((80, 150, 240), (170, 210, 250), (80, 150, 60), 420)
    for i, c in enumerate([(230, 50, 50), (250, 200, 40), (60, 120, 220), (250, 200, 40), (230, 50, 50)]):
        d.pieslice([200, 40, 440, 300], 180 + i * 36, 180 + (i + 1) * 36, fill=c)
    d.ellipse([200, 40, 440, 300], outline=(120, 40, 40), width=2)
    d.polygon([(200, 170), (440, 170), (350, 300), (290, 300)], fill=(230, 50, 50))
    d.line([(295, 300), (300, 350)], fill=(60, 40, 20), width=3)
    d.line([(345, 300), (340, 350)], fill=(60, 40, 20), width=3)
    d.rectangle([295, 350, 345, 390], fill=(140, 90, 40))
    return img


def lighthouse():
    img, d = sky((60, 90, 150), (150, 170, 200), (40, 70, 120), 380)
    d.polygon([(380, 380), (640, 300), (640, 480), (380, 480)], fill=(90, 80, 70))
    d.polygon([(450, 330), (550, 330), (530, 90), (470, 90)], fill=(245, 245, 245))
    for y in (130, 210, 290):
        d.polygon([(470 - (y - 90) * 0.08, y), (530 + (y - 90) * 0.08, y), (530 + (y + 35 - 90) * 0.08, y + 35), (470 - (y + 35 - 90) * 0.08, y + 35)], fill=(200, 30, 40))
    d.rectangle([465, 60, 535, 90], fill=(255, 230, 120))
    d.polygon([(460, 60), (540, 60), (500, 25)], fill=(30, 30, 30))
    d.polygon([(465, 75), (0, 20), (0, 140)], fill=(255, 245, 180))
    return img


SCENES = {
    "red-bicycle": red_bicycle, "blue-car": blue_car, "sunflowers": sunflowers, "forest": forest,
    "orange-cat": orange_cat, "sailing-boat": sailing_boat, "mountain-lake": mountain_lake, "city-at-night": city_night,
    "beach-sunset": beach_sunset, "snowman": snowman, "hot-air-balloon": hot_air_balloon, "lighthouse": lighthouse,
}

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    for name, draw in SCENES.items():
        draw().save(os.path.join(OUT, name + ".jpg"), quality=85, optimize=True)
    print(f"{len(SCENES)} images in {OUT}")
