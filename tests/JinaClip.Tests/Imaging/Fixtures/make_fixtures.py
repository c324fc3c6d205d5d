#!/usr/bin/python3
"""Makes the image fixtures of the downscaling fidelity tests, and Pillow's reference model inputs for them.

Run from this folder with Debian's python3-pil (Pillow 9.4) and libjpeg-turbo-progs (jpegtran, cjpeg): /usr/bin/python3 make_fixtures.py
The reference is the CLIP models' own preprocessing, as their Hugging Face image processor does it: open, convert to
RGB, resize the shortest side to S with bicubic resampling, centre crop S x S. CI does not run this script; its outputs
are committed next to it.
"""
import math
import os
import subprocess
import random
import struct
import zlib

from PIL import Image, ImageDraw

random.seed(20261206)


def scene(w, h, mode="RGB", seed=0):
    """A photo-like picture: smooth gradients, soft shapes, fine texture and some noise."""
    rnd = random.Random(seed)
    im = Image.new("RGB", (w, h))
    px = im.load()
    fx, fy = rnd.uniform(2, 5), rnd.uniform(2, 5)
    for y in range(h):
        for x in range(w):
            u, v = x / w, y / h
            r = 128 + 90 * math.sin(fx * u * math.pi + 0.7) * math.cos(fy * v * math.pi)
            g = 120 + 100 * u * v + 20 * math.sin(40 * u) * math.sin(30 * v)
            b = 100 + 110 * (1 - v) * math.cos(3 * u)
            n = rnd.uniform(-6, 6)
            px[x, y] = (int(max(0, min(255, r + n))), int(max(0, min(255, g + n))), int(max(0, min(255, b + n))))
    d = ImageDraw.Draw(im)
    for _ in range(12):
        cx, cy, rad = rnd.uniform(0, w), rnd.uniform(0, h), rnd.uniform(0.03, 0.15) * min(w, h)
        color = tuple(rnd.randrange(256) for _ in range(3))
        d.ellipse((cx - rad, cy - rad, cx + rad, cy + rad), fill=color)
    for i in range(0, w, max(8, w // 60)):
        d.line((i, int(h * 0.8), i + w // 40, h), fill=(30, 30, 30), width=2)
    return im if mode == "RGB" else im.convert(mode)


def model_input(path, s=224, crop=True):
    im = Image.open(path).convert("RGB")
    w, h = im.size
    r = s / min(w, h)
    im = im.resize((max(s, round(w * r)), max(s, round(h * r))), Image.BICUBIC)
    if crop:
        w, h = im.size
        l, t = (w - s) // 2, (h - s) // 2
        im = im.crop((l, t, l + s, t + s))
    return im


def png16(path, w, h, seed):
    """A 48-bit (16 bits a channel) RGB PNG, written by hand: Pillow cannot write one."""
    base = scene(w, h, seed=seed).load()
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            for c in base[x, y]:
                v = c * 257 + ((x * 31 + y * 17) % 200)  # low bytes carry detail the 8-bit view rounds away
                raw += struct.pack(">H", min(65535, v))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 16, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(bytes(raw), 9)))
        f.write(chunk(b"IEND", b""))


def exif_rotated(path, w, h, seed):
    """A JPEG whose EXIF Orientation is 6 (rotate 90 degrees clockwise to display); its pixels are stored unrotated."""
    im = scene(w, h, seed=seed)
    exif = Image.Exif()
    exif[0x0112] = 6
    im.save(path, "JPEG", quality=90, exif=exif.tobytes())


fixtures = {}


def add(name, make):
    make(name)
    fixtures[name] = Image.open(name).size


add("baseline.jpg", lambda p: scene(1600, 1200, seed=1).save(p, "JPEG", quality=90))
add("progressive.jpg", lambda p: scene(1200, 1600, seed=2).save(p, "JPEG", quality=90, progressive=True))
add("cmyk.jpg", lambda p: scene(1000, 750, seed=3).convert("CMYK").save(p, "JPEG", quality=92))
add("exif-rotated.jpg", lambda p: exif_rotated(p, 1200, 900, 4))
add("rgb8.png", lambda p: scene(900, 600, seed=5).save(p, "PNG", optimize=True))
add("rgb16.png", lambda p: png16(p, 480, 360, 6))
add("palette.png", lambda p: scene(640, 480, seed=7).convert("P", palette=Image.ADAPTIVE, colors=200).save(p, "PNG"))


def rgba(p):
    im = scene(700, 500, seed=8).convert("RGBA")
    alpha = Image.linear_gradient("L").resize((700, 500))
    im.putalpha(alpha)
    im.save(p, "PNG")


add("alpha.png", rgba)
add("gray.png", lambda p: scene(800, 800, "L", seed=9).save(p, "PNG"))


def animated(p):
    frames = [scene(500, 400, seed=10).convert("P", palette=Image.ADAPTIVE), scene(500, 400, seed=11).convert("P", palette=Image.ADAPTIVE)]
    frames[0].save(p, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)


add("animated.gif", animated)
add("lossy.webp", lambda p: scene(900, 700, seed=12).save(p, "WEBP", quality=90))
add("lossless.webp", lambda p: scene(600, 450, seed=13).save(p, "WEBP", lossless=True))
add("wide.png", lambda p: scene(2400, 240, seed=14).save(p, "PNG", optimize=True))
add("tall.jpg", lambda p: scene(250, 2400, seed=15).save(p, "JPEG", quality=90))

# JPEGs eight or more times the 224 px target, which the downscaler decodes from their DC coefficients alone.
add("large.jpg", lambda p: scene(2400, 1800, seed=16).save(p, "JPEG", quality=90))
add("large-gray.jpg", lambda p: scene(1800, 2000, "L", seed=17).save(p, "JPEG", quality=90))


def restart(p):
    """A baseline JPEG with a restart marker after every MCU row, added losslessly by jpegtran (Debian's libjpeg-turbo-progs)."""
    scene(2000, 1800, seed=18).save("restart-source.jpg", "JPEG", quality=90)
    subprocess.run(["jpegtran", "-restart", "1", "-outfile", p, "restart-source.jpg"], check=True)
    os.remove("restart-source.jpg")


add("restart.jpg", restart)


def subsampled(p, sample):
    """A baseline JPEG with chroma sampling the own decoder does not take (4:1:1: a chroma sample every four pixels across),
    encoded by cjpeg (Debian's libjpeg-turbo-progs), as some cameras and scanners write it."""
    scene(2400, 1800, seed=19).save("subsampled-source.ppm")
    subprocess.run(["cjpeg", "-quality", "90", "-sample", sample, "-outfile", p, "subsampled-source.ppm"], check=True)
    os.remove("subsampled-source.ppm")


add("sampling-411.jpg", lambda p: subsampled(p, "4x1,1x1,1x1"))

for name in fixtures:
    model_input(name, 224, crop=True).save(name + ".ref224.png")

with open("fixtures.txt", "w") as f:
    for name, (w, h) in fixtures.items():
        f.write(f"{name}\t{w}\t{h}\n")
print("\n".join(f"{n}: {s}" for n, s in fixtures.items()))
