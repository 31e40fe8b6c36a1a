class products
ua *Polycom* | Polycom
ua Cisco-CP[0-9]* | Cisco IP Phone
ua *[Aa]sterisk* | Asterisk
