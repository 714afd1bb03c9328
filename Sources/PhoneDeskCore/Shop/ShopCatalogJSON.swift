/// The catalogue shipped with phonedesk, as JSON (copy it to `DIR/shop.json` to replace it).
/// Prices are net cents in EUR; VAT is added per destination.
enum ShopCatalogJSON {
    static let text = #"""
{
  "schemaVersion": 1,
  "currency": "EUR",
  "homeCountry": "PL",
  "euCountries": ["AT","BE","BG","HR","CY","CZ","DK","EE","FI","FR","DE","GR","HU","IE","IT","LV","LT","LU","MT","NL","PL","PT","RO","SK","SI","ES","SE"],
  "vatBasisPoints": {
    "AT": 2000, "BE": 2100, "BG": 2000, "HR": 2500, "CY": 1900, "CZ": 2100, "DK": 2500, "EE": 2400, "FI": 2550,
    "FR": 2000, "DE": 1900, "GR": 2400, "HU": 2700, "IE": 2300, "IT": 2200, "LV": 2100, "LT": 2100, "LU": 1700,
    "MT": 1800, "NL": 2100, "PL": 2300, "PT": 2300, "RO": 2100, "SK": 2300, "SI": 2200, "ES": 2100, "SE": 2500
  },
  "rates": {
    "domestic": {"brackets": [{"upToGrams": 1000, "price": 500}, {"upToGrams": 5000, "price": 800}, {"upToGrams": 10000, "price": 1200}, {"upToGrams": 30000, "price": 2000}], "perExtraKilogram": 100},
    "eu": {"brackets": [{"upToGrams": 1000, "price": 1200}, {"upToGrams": 5000, "price": 1800}, {"upToGrams": 10000, "price": 2800}, {"upToGrams": 30000, "price": 4500}], "perExtraKilogram": 200},
    "world": {"brackets": [{"upToGrams": 1000, "price": 3500}, {"upToGrams": 5000, "price": 5500}, {"upToGrams": 10000, "price": 8500}, {"upToGrams": 30000, "price": 14000}], "perExtraKilogram": 500}
  },
  "products": [
    {"sku": "YEA-T31P", "name": "Yealink T31P", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t31p", "price": 4500, "weightGrams": 820, "stock": 40, "description": "Entry-level 2-line phone, PoE, mono screen."},
    {"sku": "YEA-T33G", "name": "Yealink T33G", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t33g", "price": 7900, "weightGrams": 900, "stock": 25, "description": "4-line phone with a 2.4-inch colour screen, gigabit."},
    {"sku": "YEA-T43U", "name": "Yealink T43U", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t43u", "price": 9900, "weightGrams": 1100, "stock": 18, "description": "12-line business phone, dual USB, mono screen."},
    {"sku": "YEA-T46U", "name": "Yealink T46U", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t46u", "price": 14900, "weightGrams": 1250, "stock": 30, "description": "16-line phone, 4.3-inch colour screen, BLF keys."},
    {"sku": "YEA-T48U", "name": "Yealink T48U", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t48u", "price": 18900, "weightGrams": 1400, "stock": 12, "description": "7-inch colour touch screen, 16 lines."},
    {"sku": "YEA-T54W", "name": "Yealink T54W", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t54w", "price": 17900, "weightGrams": 1300, "stock": 9, "description": "Colour screen, built-in Bluetooth and Wi-Fi."},
    {"sku": "YEA-T57W", "name": "Yealink T57W", "brand": "Yealink", "category": "desk-phones", "model": "yealink-t57w", "price": 23900, "weightGrams": 1500, "leadTimeDays": 7, "description": "7-inch adjustable touch screen, Bluetooth, Wi-Fi."},
    {"sku": "GS-GXP1630", "name": "Grandstream GXP1630", "brand": "Grandstream", "category": "desk-phones", "model": "grandstream-gxp1630", "price": 6900, "weightGrams": 950, "stock": 22, "description": "3-line phone, 8 BLF keys, PoE."},
    {"sku": "GS-GXP2170", "name": "Grandstream GXP2170", "brand": "Grandstream", "category": "desk-phones", "model": "grandstream-gxp2170", "price": 16900, "weightGrams": 1450, "stock": 14, "description": "12-line phone, 48 BLF keys, colour screen."},
    {"sku": "GS-GRP2614", "name": "Grandstream GRP2614", "brand": "Grandstream", "category": "desk-phones", "model": "grandstream-grp2614", "price": 9900, "weightGrams": 1000, "stock": 20, "description": "Carrier-grade 4-line phone, colour screen."},
    {"sku": "SNOM-D717", "name": "Snom D717", "brand": "Snom", "category": "desk-phones", "model": "snom-d717", "price": 13900, "weightGrams": 1000, "stock": 11, "description": "Colour screen, 6 self-labelling keys."},
    {"sku": "SNOM-D735", "name": "Snom D735", "brand": "Snom", "category": "desk-phones", "model": "snom-d735", "price": 20900, "weightGrams": 1200, "leadTimeDays": 10, "description": "Executive phone, 32 BLF keys with LEDs."},
    {"sku": "SNOM-D785", "name": "Snom D785", "brand": "Snom", "category": "desk-phones", "model": "snom-d785", "price": 25900, "weightGrams": 1300, "stock": 5, "description": "Colour screen, Bluetooth, 24 self-labelling keys."},
    {"sku": "POLY-VVX250", "name": "Polycom VVX 250", "brand": "Polycom", "category": "desk-phones", "model": "polycom-vvx250", "price": 11900, "weightGrams": 1000, "stock": 16, "description": "4-line colour phone, HD voice."},
    {"sku": "POLY-VVX450", "name": "Polycom VVX 450", "brand": "Polycom", "category": "desk-phones", "model": "polycom-vvx450", "price": 21900, "weightGrams": 1300, "stock": 7, "description": "12-line colour phone for busy desks."},
    {"sku": "CSC-SPA504G", "name": "Cisco SPA504G", "brand": "Cisco", "category": "desk-phones", "model": "cisco-spa504g", "price": 8900, "weightGrams": 1100, "stock": 6, "description": "4-line phone, PoE, mono screen."},
    {"sku": "CSC-CP8851", "name": "Cisco CP-8851", "brand": "Cisco", "category": "desk-phones", "model": "cisco-cp8851", "price": 29900, "weightGrams": 1400, "leadTimeDays": 14, "description": "Multiplatform phone, colour screen, Bluetooth."},
    {"sku": "FAN-X4U", "name": "Fanvil X4U", "brand": "Fanvil", "category": "desk-phones", "model": "fanvil-x4u", "price": 8900, "weightGrams": 1050, "stock": 19, "description": "Colour screen, 12 SIP lines, gigabit."},
    {"sku": "FAN-X6U", "name": "Fanvil X6U", "brand": "Fanvil", "category": "desk-phones", "model": "fanvil-x6u", "price": 15900, "weightGrams": 1300, "stock": 10, "description": "High-end colour phone with side key screens."},
    {"sku": "YEA-CP965", "name": "Yealink CP965", "brand": "Yealink", "category": "conference-phones", "model": "yealink-cp965", "price": 69900, "weightGrams": 1900, "stock": 3, "description": "Conference phone for mid-size rooms, 5-inch touch screen."},
    {"sku": "YEA-W76P", "name": "Yealink W76P", "brand": "Yealink", "category": "dect-phones", "model": "yealink-w76p", "price": 12900, "weightGrams": 700, "stock": 15, "description": "DECT base with one W56H handset."},
    {"sku": "YEA-W73P", "name": "Yealink W73P", "brand": "Yealink", "category": "dect-phones", "model": "yealink-w73p", "price": 9900, "weightGrams": 600, "stock": 12, "description": "DECT base with one W73H handset."},
    {"sku": "JAB-EV2-30", "name": "Jabra Evolve2 30 USB-A", "brand": "Jabra", "category": "headsets", "price": 8900, "weightGrams": 350, "stock": 50, "description": "Stereo USB headset, noise-cancelling microphone."},
    {"sku": "YEA-UH36", "name": "Yealink UH36 Dual", "brand": "Yealink", "category": "headsets", "price": 5900, "weightGrams": 300, "stock": 35, "description": "USB and 3.5 mm headset, dual-ear."},
    {"sku": "POLY-BW3220", "name": "Poly Blackwire 3220", "brand": "Polycom", "category": "headsets", "price": 6900, "weightGrams": 320, "stock": 28, "description": "Corded USB-C stereo headset."},
    {"sku": "YEA-EXP50", "name": "Yealink EXP50 expansion module", "brand": "Yealink", "category": "accessories", "price": 11900, "weightGrams": 600, "stock": 8, "description": "60 extra BLF keys for T5 series phones."},
    {"sku": "YEA-EHS36", "name": "Yealink EHS36 headset adapter", "brand": "Yealink", "category": "accessories", "price": 3900, "weightGrams": 120, "stock": 30, "description": "Wireless headset hook-switch adapter."},
    {"sku": "GEN-POE-INJ", "name": "Gigabit PoE injector", "brand": "Generic", "category": "accessories", "price": 2500, "weightGrams": 250, "stock": 60, "description": "802.3af PoE for phones without a PoE switch."},
    {"sku": "GEN-PSU-5V", "name": "5 V 2 A power supply", "brand": "Yealink", "category": "accessories", "price": 1200, "weightGrams": 150, "stock": 80, "description": "Power adapter for Yealink T3/T4/T5 phones."},
    {"sku": "GEN-CAT6-3M", "name": "Ethernet cable Cat6, 3 m", "brand": "Generic", "category": "accessories", "price": 500, "weightGrams": 100, "stock": 200, "description": "Patch cable for desk phones."}
  ]
}
"""#
}
