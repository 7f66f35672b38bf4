import sharp from 'sharp';

/**
 * Four photos of one flat, drawn as vector scenes and encoded by sharp as real JPEGs with
 * camera-like grain (the photo analysis measures sharpness and brightness, and drops
 * near-duplicates, so each room has its own layout).
 */
export interface DemoPhoto {
  name: string;
  caption?: string;
  bytes: Buffer;
}

const W = 1280;
const H = 960;

const ROOMS: Array<{ name: string; caption?: string; svg: string }> = [
  {
    name: 'living-room.jpg',
    caption: 'Living room',
    svg: `<rect width="${W}" height="${H}" fill="#efe6d8"/>
      <rect x="760" y="120" width="380" height="420" fill="#a9d3f5" stroke="#fff" stroke-width="18"/>
      <rect x="0" y="700" width="${W}" height="260" fill="#a0744f"/>
      <rect x="120" y="470" width="560" height="220" rx="30" fill="#4f6d7a"/>
      <rect x="140" y="400" width="520" height="110" rx="30" fill="#5f7f8c"/>
      <rect x="300" y="720" width="300" height="60" fill="#3b2a20"/>
      <circle cx="980" cy="640" r="60" fill="#2e7d32"/>`,
  },
  {
    name: 'kitchen.jpg',
    svg: `<rect width="${W}" height="${H}" fill="#f7f7f2"/>
      <rect x="0" y="80" width="${W}" height="260" fill="#d8dee3"/>
      ${[0, 1, 2, 3, 4].map((i) => `<rect x="${40 + i * 250}" y="100" width="220" height="220" fill="#ffffff" stroke="#b0b8bf" stroke-width="6"/>`).join('')}
      <rect x="0" y="520" width="${W}" height="70" fill="#37474f"/>
      <rect x="0" y="590" width="${W}" height="370" fill="#cfd8dc"/>
      <rect x="520" y="380" width="240" height="140" fill="#90a4ae"/>
      <circle cx="200" cy="470" r="40" fill="#c62828"/>`,
  },
  {
    name: 'bedroom.jpg',
    svg: `<rect width="${W}" height="${H}" fill="#e8eaf6"/>
      <rect x="0" y="720" width="${W}" height="240" fill="#8d6e63"/>
      <rect x="300" y="420" width="680" height="320" rx="24" fill="#f5f5f5" stroke="#9fa8da" stroke-width="10"/>
      <rect x="300" y="330" width="680" height="120" rx="20" fill="#5c6bc0"/>
      <rect x="1060" y="520" width="120" height="200" fill="#6d4c41"/>
      <circle cx="1120" cy="470" r="50" fill="#ffe082"/>`,
  },
  {
    name: 'balcony.jpg',
    caption: 'View from the balcony',
    svg: `<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#4f9ee8"/><stop offset="1" stop-color="#cfe8ff"/></linearGradient></defs>
      <rect width="${W}" height="${H}" fill="url(#s)"/>
      <rect x="0" y="430" width="${W}" height="200" fill="#2f6fa3"/>
      <path d="M0 430 L200 330 L420 400 L640 300 L900 390 L1280 320 L1280 430 Z" fill="#d9b38c"/>
      <rect x="0" y="630" width="${W}" height="330" fill="#bdbdbd"/>
      ${Array.from({ length: 17 }, (_, i) => `<rect x="${i * 80}" y="560" width="14" height="400" fill="#263238"/>`).join('')}
      <rect x="0" y="550" width="${W}" height="24" fill="#263238"/>`,
  },
];

/** Seeded grain, the same on every run. */
function grain(seed: number): Buffer {
  const pixels = Buffer.alloc(W * H);
  let state = seed >>> 0;
  for (let i = 0; i < pixels.length; i++) {
    state = (state * 1664525 + 1013904223) >>> 0;
    pixels[i] = 112 + (state >>> 27);
  }
  return pixels;
}

export async function demoPhotos(): Promise<DemoPhoto[]> {
  return Promise.all(
    ROOMS.map(async (room, i) => {
      const scene = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${room.svg}</svg>`,
      );
      const bytes = await sharp(scene)
        .composite([
          { input: grain(i + 1), raw: { width: W, height: H, channels: 1 }, blend: 'overlay' },
        ])
        .jpeg({ quality: 84 })
        .toBuffer();
      return { name: room.name, ...(room.caption ? { caption: room.caption } : {}), bytes };
    }),
  );
}
